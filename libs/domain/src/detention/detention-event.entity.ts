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
import { Defender } from '../defenders/defender.entity';
import { sqlIn, VERIFICATION_LEVELS, type VerificationLevel } from '../shared/vocabulary';
import { EVENT_TYPES, type EventType } from '../shared/detention-status';

/** One dated fact on a defender's detention timeline, with its source and verification. */
@Entity('detention_events')
@Check('detention_events_type_check', `type IN (${sqlIn(EVENT_TYPES)})`)
@Check('detention_events_verification_check', `verification IN (${sqlIn(VERIFICATION_LEVELS)})`)
@Index('detention_events_defender_idx', ['defenderId', 'occurredOn', 'seq'])
// Releases in a period and events after a period's end (indicators report), covering.
@Index('detention_events_occurred_idx', ['occurredOn', 'type', 'defenderId'])
export class DetentionEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: breaks ties between events of the same day. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', update: false })
  seq: string;

  @Column({ type: 'uuid' })
  defenderId: string;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;

  @Column({ type: 'varchar', length: 30 })
  type: EventType;

  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  authority: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  legalBasis: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  charges: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  sentence: string | null;

  /** The forces who carried out the arrest or hold the person (police, security service...). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  forces: string | null;

  /** Arrest and re-arrest: was a warrant or other decision by a public authority shown? */
  @Column({ type: 'boolean', nullable: true })
  warrantShown: boolean | null;

  /** Arrest and re-arrest: where the person was taken (the first place of detention). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  takenTo: string | null;

  /** A period's last day (incommunicado until, visits denied until, extended until...). */
  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  /** A hearing's, appeal's, complaint's... result, in words. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  outcome: string | null;

  /** When that result was given. */
  @Column({ type: 'date', nullable: true })
  outcomeOn: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 15, default: 'unverified' })
  verification: VerificationLevel;

  /** Who the information came from: encrypted (FieldCipher); never in lists or logs. */
  @Column({ type: 'text', nullable: true, select: false })
  sourceIdentityEnc: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
