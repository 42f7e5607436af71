import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work asked for by a request, committed in the request's own transaction (ARCHITECTURE.md
 * principle 1). The worker's relay enqueues pending rows in BullMQ under `jobId`; the
 * processor marks the row done in the transaction that records its effect. Rows enqueued
 * but never done (Redis flushed, job lost) are enqueued again after a while.
 */
@Entity('outbox')
@Index('outbox_pending_idx', ['availableAt'], { where: 'done_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  queue: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  /** Deterministic BullMQ job id: enqueuing twice is a no-op while the job exists. */
  @Index('outbox_job_id_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  jobId: string;

  /** Ids only, never personal data. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  availableAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  enqueueCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
