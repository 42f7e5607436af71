import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Escalation } from '../escalations/escalation.entity';
import { sqlIn } from '../shared/vocabulary';

export const DOSSIER_STATES = ['queued', 'rendering', 'ready', 'failed'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/**
 * A generated dossier: one version per request, kept with the template version and a
 * fingerprint of the record it was made from (to tell when the case changed since).
 */
@Entity('dossiers')
@Check('dossiers_state_check', `state IN (${sqlIn(DOSSIER_STATES)})`)
@Check('dossiers_language_check', `language IN ('en', 'fr', 'es')`)
@Check('dossiers_format_check', `format IN ('pdf', 'html')`)
@Check('dossiers_edition_check', `edition IN ('submission', 'public')`)
@Index('dossiers_version_key', ['escalationId', 'versionNo'], { unique: true })
export class Dossier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  escalationId: string;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: Escalation;

  @Column({ type: 'integer' })
  versionNo: number;

  /** The file's name, fixed when the version was requested: WIT-2026-0042-wgad-en-v2.pdf. */
  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  /** Generated although the mechanism's required answers were not all there (acknowledged). */
  @Column({ type: 'boolean', default: false })
  incomplete: boolean;

  @Column({ type: 'varchar', length: 2 })
  language: 'en' | 'fr' | 'es';

  @Column({ type: 'varchar', length: 4 })
  format: 'pdf' | 'html';

  @Column({ type: 'varchar', length: 10 })
  edition: 'submission' | 'public';

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  state: DossierState;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  templateVersion: string | null;

  /** SHA-256 of the record data the dossier was rendered from. */
  @Column({ type: 'char', length: 64, nullable: true })
  recordFingerprint: string | null;

  /** The rendered file, encrypted (FieldCipher, context dossiers.content:<id>) as base64 text. */
  @Column({ type: 'text', nullable: true, select: false })
  contentEnc: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  renderedAt: Date | null;
}
