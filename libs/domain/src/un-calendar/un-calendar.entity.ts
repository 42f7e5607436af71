import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { sqlIn } from '../shared/vocabulary';
import {
  CALENDAR_ENTRY_KINDS,
  DEADLINE_KINDS,
  REGIONAL_BODIES,
  type CalendarEntryKind,
  type DeadlineKind,
  type RegionalBody,
} from './un-calendar.types';

/**
 * A session or review on the UN (or a regional) calendar: an HRC regular session, a WGAD
 * session, a UPR Working Group session, a regional body's session. Not case data: every
 * member of staff may read it. Matched on import by (kind, body, number) when numbered.
 */
@Entity('un_calendar_entries')
@Check('un_calendar_entries_kind_check', `kind IN (${sqlIn(CALENDAR_ENTRY_KINDS)})`)
@Check('un_calendar_entries_body_check', `body = '' OR body IN (${sqlIn(REGIONAL_BODIES)})`)
@Check('un_calendar_entries_dates_check', 'ends_on >= starts_on')
@Index('un_calendar_entries_number_key', ['kind', 'body', 'number'], {
  unique: true,
  where: 'number IS NOT NULL',
})
@Index('un_calendar_entries_dates_idx', ['endsOn', 'startsOn'])
export class UnCalendarEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  kind: CalendarEntryKind;

  @Column({ type: 'integer', nullable: true })
  number: number | null;

  /**
   * For a regional session: which body (the escalation mechanism of the same name); '' for
   * the others, so the unique (kind, body, number) holds (NULLs would be distinct).
   */
  @Column({ type: 'varchar', length: 20, default: '' })
  body: RegionalBody | '';

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  /** ISO 3166-1 alpha-2: the states under review (UPR), or concerned (regional). */
  @Column({ type: 'char', length: 2, array: true, default: () => "'{}'" })
  countries: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  sourceUrl: string | null;

  /** Demo data, to be checked against OHCHR's published calendar. */
  @Column({ type: 'boolean', default: false })
  sample: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A deadline of an entry. Kept by (kind, country) across edits, so its id (and the
 * milestones derived from it) survive a change of date.
 */
@Entity('un_calendar_deadlines')
@Check('un_calendar_deadlines_kind_check', `kind IN (${sqlIn(DEADLINE_KINDS)})`)
@Index('un_calendar_deadlines_entry_key', ['entryId', 'kind', 'country'], { unique: true })
@Index('un_calendar_deadlines_due_idx', ['dueOn'])
export class UnCalendarDeadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => UnCalendarEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: UnCalendarEntry;

  @Column({ type: 'varchar', length: 40 })
  kind: DeadlineKind;

  @Column({ type: 'date' })
  dueOn: string;

  /** The state under review a UPR submission deadline is for; '' when it is for all. */
  @Column({ type: 'varchar', length: 2, default: '' })
  country: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  label: string | null;
}
