import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Defender } from '../defenders/defender.entity';
import { DetentionEvent } from '../detention/detention-event.entity';
import { Escalation } from '../escalations/escalation.entity';
import { sqlIn } from '../shared/vocabulary';
import { FILE_TYPES } from './file-types';

export const DOCUMENT_KINDS = [
  'warrant',
  'charge_sheet',
  'court_decision',
  'medical',
  'correspondence',
  'photo',
  'evidence',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Whether a version's content was checked by the virus scanner. */
export const SCAN_STATES = [
  /** clamd found nothing. */
  'clean',
  /** No scanner was configured when it was uploaded. */
  'not_scanned',
  /** A photo: re-encoded from its pixels, so nothing of the uploaded bytes is kept. */
  'not_applicable',
  /**
   * Kept while clamd was unreachable: stored (sealed as usual) but never served until the
   * worker has scanned it (then `clean` or `quarantined`).
   */
  'pending',
  /** The worker's scan found malware: its bytes and data key are destroyed, never served. */
  'quarantined',
] as const;
export type ScanState = (typeof SCAN_STATES)[number];

/** Versions whose content may not be served, nor used in a bundle, an annex or a photo. */
export const UNSERVABLE_SCAN_STATES: readonly ScanState[] = ['pending', 'quarantined'];

/**
 * A file kept with a case (a warrant, a court decision, a photo...), optionally tied to one
 * of its timeline events or escalations. Its content lives in versions; this row holds what
 * describes it. Never erased: DELETE sets `deletedAt`.
 */
@Entity('documents')
@Check('documents_kind_check', `kind IN (${sqlIn(DOCUMENT_KINDS)})`)
@Index('documents_defender_idx', ['defenderId', 'createdAt', 'id'])
@Index('documents_event_idx', ['eventId'], { where: 'event_id IS NOT NULL' })
@Index('documents_escalation_idx', ['escalationId'], { where: 'escalation_id IS NOT NULL' })
export class Document {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  defenderId: string;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;

  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @ManyToOne(() => DetentionEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: DetentionEvent;

  @Column({ type: 'uuid', nullable: true })
  escalationId: string | null;

  @ManyToOne(() => Escalation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: Escalation;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  kind: DocumentKind;

  /** The document's language (BCP 47 tag, e.g. `ar`, `fr`, `pt-BR`). */
  @Column({ type: 'varchar', length: 35, nullable: true })
  language: string | null;

  /** The date the document bears (a warrant's issue date, a decision's date). */
  @Column({ type: 'date', nullable: true })
  documentDate: string | null;

  /** Only assigned caseworkers, coordinators and admins see it. */
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  /** Who provided the document: encrypted (FieldCipher); never in lists, logs or the trail. */
  @Column({ type: 'text', nullable: true, select: false })
  sourceIdentityEnc: string | null;

  /** Number of the latest version (versions are 1, 2, 3...). */
  @Column({ type: 'integer', default: 1 })
  currentVersionNo: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  deletedBy: string | null;

  @VersionColumn()
  version: number;

  /** Set from the application's clock (the list's sort key, at millisecond precision). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One uploaded file of a document. A new version never replaces an old one. The content is in
 * the blob store under `blobKey` (random, never derived from anything the user sent), sealed
 * under a per-version data key that is kept here wrapped with the FieldCipher keyring.
 */
@Entity('document_versions')
@Check('document_versions_scan_check', `scan IN (${sqlIn(SCAN_STATES)})`)
@Check('document_versions_type_check', `file_type IN (${sqlIn(Object.keys(FILE_TYPES))})`)
@Index('document_versions_document_no', ['documentId', 'versionNo'], { unique: true })
@Index('document_versions_sha256_idx', ['sha256'])
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  @Column({ type: 'integer' })
  versionNo: number;

  /** The uploaded name, sanitised, with the extension of its real type. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** The type found in the content (never the name or the client's header). */
  @Column({ type: 'varchar', length: 10 })
  fileType: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  /** Size of the content as served (after metadata removal for photos). */
  @Column({ type: 'integer' })
  sizeBytes: number;

  /** SHA-256 of the file as it was received (duplicate detection, chain of custody). */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** SHA-256 of the content as served (differs from sha256 for re-encoded photos). */
  @Column({ type: 'char', length: 64 })
  storedSha256: string;

  @Column({ type: 'varchar', length: 200 })
  blobKey: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  /**
   * The per-version data key, wrapped with the keyring (rotated by keys:rotate). Null once
   * the version is quarantined: the key is destroyed with the content (crypto-shredding).
   */
  @Column({ type: 'text', select: false, nullable: true })
  dataKeyEnc: string | null;

  @Column({ type: 'integer', nullable: true })
  width: number | null;

  @Column({ type: 'integer', nullable: true })
  height: number | null;

  @Column({ type: 'varchar', length: 20 })
  scan: ScanState;

  /** EXIF, GPS, XMP, IPTC and ICC data were removed (photos). */
  @Column({ type: 'boolean', default: false })
  metadataRemoved: boolean;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
