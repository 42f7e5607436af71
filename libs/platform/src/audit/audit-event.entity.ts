import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The audit trail. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
 * hash-chained: a trigger sets `chainSeq`, `prevHash` and `hash` under a lock, so the chain
 * follows commit order. See the AccessControl migration.
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
  @Column({ type: 'bigint', nullable: true, insert: false, update: false })
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

  @Column({ type: 'char', length: 64, nullable: true, insert: false, update: false })
  hash: string;
}
