import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Defender } from '../defenders/defender.entity';
import { sqlIn } from '../shared/vocabulary';

export const MILESTONE_KINDS = [
  'hearing',
  'trial',
  'verdict',
  'sentence_end',
  'detention_anniversary',
  'wgad_reply_due',
  'wgad_follow_up_due',
  'source_comments_due',
  'reply_due',
  'publication_due',
  'follow_up_due',
  'submission_due',
  'hrc_session',
  'upr_review',
  'wgad_session',
  'regional_session',
  'consent_review',
  'profile_review',
  'solidarity_action',
  'custom',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_STATUSES = ['open', 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Where a derived milestone comes from; null for one typed by a person. */
export const MILESTONE_SOURCES = [
  'event',
  'anniversary',
  'profile_review',
  'consent',
  'escalation',
  'solidarity',
  'un_calendar',
] as const;
export type MilestoneSource = (typeof MILESTONE_SOURCES)[number];

/**
 * What a derived milestone's title says, as a key of the pages' catalogues
 * (`milestones.titles.<key>`) and its parameters: codes (an event type, a consent purpose, a
 * country) and numbers, which each page words in its language.
 */
export interface MilestoneTitleMessage {
  key: string;
  params?: Record<string, string | number | null>;
}

/**
 * Something that must not be missed: a hearing, a UN deadline, an anniversary. Derived
 * milestones carry `(source, sourceKey)` and are kept in step with what they come from.
 */
@Entity('milestones')
@Check('milestones_kind_check', `kind IN (${sqlIn(MILESTONE_KINDS)})`)
@Check('milestones_status_check', `status IN (${sqlIn(MILESTONE_STATUSES)})`)
@Check('milestones_source_check', `source IS NULL OR source IN (${sqlIn(MILESTONE_SOURCES)})`)
@Index('milestones_source_key', ['source', 'sourceKey'], {
  unique: true,
  where: 'source IS NOT NULL',
})
@Index('milestones_defender_idx', ['defenderId', 'dueAt'])
@Index('milestones_due_idx', ['status', 'dueAt'])
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The case it concerns; null for a general one (e.g. an HRC session). */
  @Column({ type: 'uuid', nullable: true })
  defenderId: string | null;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;

  @Column({ type: 'varchar', length: 30 })
  kind: MilestoneKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** A derived milestone's title as a message key and parameters, for pages in any language. */
  @Column({ type: 'jsonb', nullable: true })
  titleMessage: MilestoneTitleMessage | null;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** A day rather than a moment: reminders are computed from local midnight in each recipient's zone. */
  @Column({ type: 'boolean', default: false })
  allDay: boolean;

  /** ISO 8601 durations before dueAt, e.g. P7D, P1D, PT2H. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  remindBefore: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  assigneeIds: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: MilestoneStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  source: MilestoneSource | null;

  /** Identifies the origin within its source (an event id, a defender id, a consent id...). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  sourceKey: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
