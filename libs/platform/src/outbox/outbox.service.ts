import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import type { JobName, JobNameOf, QueueJobs, QueueName } from '../queue/queues';

/** Work to do: a job of a queue, its payload as the queue's map says, under its job id. */
export interface OutboxEntry<Q extends QueueName, N extends JobNameOf<Q>> {
  queue: Q;
  name: N;
  /** Deterministic (`jobIds`): the same work asked twice is one message and one job. */
  jobId: string;
  payload: QueueJobs[Q][N];
  availableAt?: Date;
}

export interface ClaimedMessage {
  id: string;
  queue: QueueName;
  name: JobName;
  jobId: string;
  payload: Record<string, unknown>;
  /** Enqueued before: its job was lost, or ended without doing the work. */
  requeued: boolean;
}

/**
 * The transactional outbox (ARCHITECTURE.md principle 1). Producers call `add` with the
 * transaction of the change that asks for work; the worker's relay `claim`s and enqueues;
 * the processor calls `markDone` in the transaction that records its effect.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Record work to do, in the caller's transaction. The same jobId twice is one message. */
  async add<Q extends QueueName, N extends JobNameOf<Q>>(
    tx: EntityManager,
    entry: OutboxEntry<Q, N>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO outbox (queue, name, job_id, payload, available_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (job_id) DO NOTHING`,
      [
        entry.queue,
        entry.name,
        entry.jobId,
        JSON.stringify(entry.payload),
        entry.availableAt ?? this.clock.now(),
      ],
    );
  }

  /**
   * Messages to enqueue: never enqueued, or enqueued long enough ago without being done (the
   * job was lost: Redis flushed or down at the time). Several relays may run at once.
   */
  async claim(limit: number, requeueAfterMs: number): Promise<ClaimedMessage[]> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const rows: {
        id: string;
        queue: QueueName;
        name: JobName;
        job_id: string;
        payload: Record<string, unknown>;
        enqueue_count: number;
      }[] = await tx.query(
        `SELECT id::text, queue, name, job_id, payload, enqueue_count FROM outbox
            WHERE done_at IS NULL AND available_at <= $1
              AND (enqueued_at IS NULL OR enqueued_at < $2)
            ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [now, new Date(now.getTime() - requeueAfterMs), limit],
      );
      if (rows.length) {
        await tx.query(
          `UPDATE outbox SET enqueued_at = $2, enqueue_count = enqueue_count + 1 WHERE id = ANY($1::bigint[])`,
          [rows.map((r) => r.id), now],
        );
      }
      return rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        name: r.name,
        jobId: r.job_id,
        payload: r.payload,
        requeued: r.enqueue_count > 0,
      }));
    });
  }

  /** The enqueue failed (Redis down): make the message due again at once. */
  async release(ids: string[]): Promise<void> {
    if (ids.length)
      await this.dataSource.query(
        `UPDATE outbox SET enqueued_at = NULL WHERE id = ANY($1::bigint[])`,
        [ids],
      );
  }

  /** The job's effect is recorded: the message is done (call inside that transaction). */
  async markDone(tx: EntityManager, jobId: string): Promise<void> {
    await tx.query(`UPDATE outbox SET done_at = $2 WHERE job_id = $1 AND done_at IS NULL`, [
      jobId,
      this.clock.now(),
    ]);
  }
}
