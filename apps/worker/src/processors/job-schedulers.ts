import type { Logger } from '@nestjs/common';
import type { JobNameOf, QueueJobs, QueueName } from '@witness/platform';
import type { Queue, RepeatOptions } from 'bullmq';

/** A recurring job of queue Q: its name and payload as the queues' map says. */
export interface SchedulerSpec<Q extends QueueName> {
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  template: { [N in JobNameOf<Q>]: { name: N; data: QueueJobs[Q][N] } }[JobNameOf<Q>];
}

/** How often a worker checks that its job schedulers are still in Redis. */
export const SCHEDULER_CHECK_MS = 10_000;

/**
 * Keeps a queue's job schedulers in Redis: upserts them at start (idempotent, every replica
 * does it), then checks now and then and puts back any that Redis lost (flushed, or restarted
 * without its data). Without this, a worker that outlives its Redis data never ticks or
 * relays again, and work committed in PostgreSQL waits until someone restarts it.
 */
export class JobSchedulers<Q extends QueueName> {
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly queue: Queue,
    private readonly specs: SchedulerSpec<Q>[],
    private readonly logger: Logger,
  ) {}

  async start(everyMs = SCHEDULER_CHECK_MS): Promise<void> {
    for (const s of this.specs) await this.queue.upsertJobScheduler(s.id, s.repeat, s.template);
    this.timer = setInterval(() => void this.restoreLost(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Put back the schedulers Redis no longer has; returns their ids. */
  async restoreLost(): Promise<string[]> {
    // While Redis is down a check waits for it: never stack another on top.
    if (this.checking) return [];
    this.checking = true;
    const restored: string[] = [];
    try {
      for (const s of this.specs) {
        if (await this.queue.getJobScheduler(s.id)) continue;
        await this.queue.upsertJobScheduler(s.id, s.repeat, s.template);
        restored.push(s.id);
      }
      if (restored.length)
        this.logger.warn(
          { queue: this.queue.name, restored },
          'job schedulers lost from Redis put back',
        );
    } catch (e) {
      this.logger.warn(
        { queue: this.queue.name, err: (e as Error).message },
        'job scheduler check failed',
      );
    } finally {
      this.checking = false;
    }
    return restored;
  }
}
