import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Defender } from '../defenders/defender.entity';
import { Document } from '../documents/document.entity';

export const UNPUBLISH_REASONS = [
  'coordinator',
  'consent_revoked',
  'photo_consent_revoked',
  'archived',
  'restricted',
] as const;
export type UnpublishReason = (typeof UNPUBLISH_REASONS)[number];

/**
 * The public edition of a case record, approved by a coordinator. One row per defender that
 * has ever been featured; `featured` says whether the public feed shows it now. Public output
 * is built only from this row's fields and an allow-list of the defender's (see the public
 * feed), never from the case record as a whole.
 */
@Entity('publications')
@Check('publications_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check(
  'publications_unpublished_reason_check',
  `unpublished_reason IS NULL OR unpublished_reason IN (${UNPUBLISH_REASONS.map((r) => `'${r}'`).join(', ')})`,
)
// A profile has one photo: from the case's documents, or given by address.
@Check('publications_one_photo_check', 'photo IS NULL OR photo_document_id IS NULL')
@Index('publications_slug_key', ['slug'], { unique: true })
@Index('publications_featured_idx', ['featured', 'publishedAt'])
export class Publication {
  @PrimaryColumn({ type: 'uuid' })
  defenderId: string;

  @OneToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;

  /** Stable public address; kept when a profile is unpublished and featured again. */
  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'boolean', default: false })
  featured: boolean;

  /** The name shown publicly (may differ from the full name on the record). */
  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 1000 })
  publicSummary: string;

  @Column({ type: 'text', nullable: true })
  publicStory: string | null;

  /** A photo already cleared for publication (URL and alt text); needs `photo` consent. */
  @Column({ type: 'jsonb', nullable: true })
  photo: { url: string; alt: string } | null;

  /**
   * A `photo` document of this defender chosen as the public photo (needs `photo` consent).
   * The feed serves a resized copy of its current version, only while it is live and not
   * confidential (checked on every public request).
   */
  @Column({ type: 'uuid', nullable: true })
  photoDocumentId: string | null;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'photo_document_id' })
  photoDocument?: Document;

  /** Text alternative of the photo document; by default it names the display name only. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  photoAlt: string | null;

  /** Charge events (timeline) the coordinator cleared for the public profile. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  publicChargeEventIds: string[];

  /** When the profile was first featured (the "profiles featured" indicator counts these). */
  @Column({ type: 'timestamptz', nullable: true })
  firstFeaturedAt: Date | null;

  /** When the current featured period began; null while unpublished. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  unpublishedAt: Date | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  unpublishedReason: UnpublishReason | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Public content last changed (drives the Atom feed and ETags). */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
