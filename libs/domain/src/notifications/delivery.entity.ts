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
} from 'typeorm';
import { Milestone } from '../milestones/milestone.entity';
import { User } from '../users/user.entity';
import { sqlIn } from '../shared/vocabulary';

export const CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_STATES = ['pending', 'queued', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One reminder to one person on one channel: milestone x offset x recipient x channel.
 * The scheduler tick claims due `pending` ones (FOR UPDATE SKIP LOCKED), marks them
 * `queued` and enqueues a job with a deterministic id; the processor reloads, re-checks and
 * records `sent` (or `failed` after its retries). `queued` rows left behind by a lost job
 * (Redis flushed) are enqueued again by the tick.
 */
@Entity('deliveries')
@Check('deliveries_channel_check', `channel IN (${sqlIn(CHANNELS)})`)
@Check('deliveries_state_check', `state IN (${sqlIn(DELIVERY_STATES)})`)
@Index('deliveries_identity_key', ['milestoneId', 'offset', 'recipientId', 'channel'], {
  unique: true,
})
@Index('deliveries_due_idx', ['state', 'sendAt'])
@Index('deliveries_recipient_idx', ['recipientId', 'state'])
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  milestoneId: string;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Milestone;

  /** The remindBefore entry this delivery is for (ISO 8601 duration). */
  @Column({ type: 'varchar', length: 20 })
  offset: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: User;

  @Column({ type: 'varchar', length: 10 })
  channel: Channel;

  /** When it should go out (dueAt minus offset, in the recipient's zone for all-day ones). */
  @Column({ type: 'timestamptz' })
  sendAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: DeliveryState;

  /** Sent after its moment (the system was down): sent once, marked late. */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
