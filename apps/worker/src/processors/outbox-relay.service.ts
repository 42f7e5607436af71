import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OutboxService, type ClaimedMessage } from '@witness/platform';
import type { Queue } from 'bullmq';

/**
 * Moves committed outbox messages into BullMQ under their deterministic job id. A message
 * whose enqueue fails goes back to due at once; one enqueued but never done is enqueued
 * again after a while (BullMQ ignores the add while the job still waits or runs; a job that
 * BullMQ failed without doing the work, e.g. stalled again and again by killed workers, is
 * cleared first, as the reminders tick does).
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async relay(batch = 500, requeueAfterMs = 5 * 60_000): Promise<number> {
    let total = 0;
    for (;;) {
      const messages = await this.outbox.claim(batch, requeueAfterMs);
      if (messages.length === 0) return total;
      const byQueue = new Map<string, ClaimedMessage[]>();
      for (const m of messages) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
      for (const [name, group] of byQueue) {
        try {
          const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
          await Promise.all(
            group
              .filter((m) => m.requeued)
              .map(async (m) => {
                const job = await queue.getJob(m.jobId);
                if (job && (await job.getState()) === 'failed') await job.remove();
              }),
          );
          await queue.addBulk(
            group.map((m) => ({ name: m.name, data: m.payload, opts: { jobId: m.jobId } })),
          );
          total += group.length;
        } catch (e) {
          this.logger.warn(
            { queue: name, err: (e as Error).message },
            'outbox relay could not enqueue; will retry',
          );
          await this.outbox.release(group.map((m) => m.id));
          return total;
        }
      }
      if (messages.length < batch) return total;
    }
  }
}
