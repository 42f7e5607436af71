import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The audit trail. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE; the
 * application role has no such privilege either) and HMAC-chained: AuditService numbers each
 * row (`chainSeq`, in commit order), links it to the previous row's hash and signs it with
 * AUDIT_HMAC_KEYS (`keyId`, `hash`). Written only through AuditService; see the AuditHmacChain
 * migration and docs/security/audit.md.
 */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'id'])
@Index('audit_events_subject_idx', ['subjectId', 'id'])
@Index('audit_events_actor_idx', ['actorId', 'id'])
@Index('audit_events_at_idx', ['at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('audit_events_chain_key', { unique: true })
  @Column({ type: 'bigint', insert: false, update: false })
  chainSeq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20 })
  actorRole: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  /** The defender a change concerns, for the case history. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /** Changed fields: { field: { from, to } }, sensitive values redacted. */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'char', length: 64, nullable: true, insert: false, update: false })
  prevHash: string | null;

  /** HMAC-SHA256 of the row (SHA-256 for the unkeyed rows from before the HMAC chain). */
  @Column({ type: 'char', length: 64, nullable: true, insert: false, update: false })
  hash: string;

  /** The AUDIT_HMAC_KEYS key that signed the row; null for the unkeyed rows. */
  @Column({ type: 'varchar', length: 32, nullable: true, insert: false, update: false })
  keyId: string | null;
}
