import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  DispatchService,
  MilestoneSync,
  UnCalendarSync,
  type DefenderStatus,
} from '@witness/domain';
import {
  Clock,
  jobIds,
  OutboxService,
  QueueName,
  ReminderJob,
  jobFor,
  type Env,
  type QueueJob,
} from '@witness/platform';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobSchedulers } from './job-schedulers';
import { WorkerMetrics } from '../metrics/worker-metrics';

/**
 * Reminders: a recurring tick claims due deliveries, delivers the in-app ones in batches
 * inside the claim, and enqueues one `deliver` job per email or webhook (deterministic job
 * id); `deliver` reloads, re-checks and records the effect; a daily job
 * rolls anniversaries forward. Thin: the work is in DispatchService and MilestoneSync.
 */
// Short locks: a job held by a killed worker is recovered within seconds, not minutes.
@Processor(QueueName.Reminders, {
  lockDuration: 10_000,
  stalledInterval: 10_000,
  maxStalledCount: 5,
})
export class RemindersProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RemindersProcessor.name);
  private schedulers?: JobSchedulers<QueueName.Reminders>;

  constructor(
    private readonly dispatch: DispatchService,
    private readonly sync: MilestoneSync,
    private readonly calendar: UnCalendarSync,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly metrics: WorkerMetrics,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
    // Job schedulers are idempotent: every worker replica may upsert the same ones.
    this.schedulers = new JobSchedulers<QueueName.Reminders>(
      this.queue,
      [
        {
          id: 'reminder-tick',
          repeat: { every: this.config.get('REMINDER_TICK_SECONDS', { infer: true }) * 1000 },
          template: { name: ReminderJob.Tick, data: {} },
        },
        {
          id: 'reminder-daily',
          repeat: { pattern: '15 0 * * *', tz: 'UTC' },
          template: { name: ReminderJob.Daily, data: {} },
        },
      ],
      this.logger,
    );
    await this.schedulers.start();
  }

  onApplicationShutdown(): void {
    this.schedulers?.stop();
  }

  async process(job: QueueJob<QueueName.Reminders>): Promise<unknown> {
    const started = Date.now();
    switch (job.name) {
      case ReminderJob.Tick: {
        const n = await this.tick();
        if (n)
          this.logger.log(
            { jobId: job.id, enqueued: n, ms: Date.now() - started },
            'reminder tick',
          );
        return { enqueued: n };
      }
      case ReminderJob.Deliver: {
        const { deliveryId } = job.data;
        const attempts = job.opts.attempts ?? 1;
        const outcome = await this.dispatch.deliver(deliveryId, job.attemptsMade + 1 >= attempts);
        await this.metrics.delivered(deliveryId, outcome);
        this.logger.log(
          { jobId: job.id, deliveryId, outcome, ms: Date.now() - started },
          'reminder delivery',
        );
        return { outcome };
      }
      case ReminderJob.Digest: {
        const { userId, moment } = job.data;
        const attempts = job.opts.attempts ?? 1;
        const outcome = await this.dispatch.deliverDigest(
          userId,
          moment,
          job.attemptsMade + 1 >= attempts,
        );
        this.metrics.digested(outcome);
        this.logger.log({ jobId: job.id, outcome, ms: Date.now() - started }, 'digest delivery');
        return { outcome };
      }
      case ReminderJob.Daily: {
        const rolled = await this.rollAnniversaries();
        // UN deadlines coming into range, and cases that started or stopped fitting a session.
        const calendar = await this.calendar.syncUpcoming();
        this.logger.log(
          { jobId: job.id, rolled, calendar, ms: Date.now() - started },
          'daily reminders',
        );
        return { rolled, calendar };
      }
      case ReminderJob.CalendarSync: {
        const { entryId } = job.data;
        const result = await this.calendar.syncEntry(entryId);
        // Idempotent: a second run finds every milestone in step and changes nothing.
        await this.outbox.markDone(this.dataSource.manager, String(job.id));
        this.logger.log(
          { jobId: job.id, entryId, ...result, ms: Date.now() - started },
          'calendar milestones synced',
        );
        return result;
      }
      default: {
        // A job of another version (its name not in the map) is skipped, said in the log.
        const other = job as Job;
        this.logger.warn({ jobId: other.id, name: other.name }, 'unknown job skipped');
        return null;
      }
    }
  }

  /**
   * Claim due deliveries: in-app ones are delivered in the claim, the others enqueued;
   * returns how many were delivered or enqueued. A delivery queued long ago whose
   * job is gone (Redis flushed) or ended (failed after stalling with a killed worker) is
   * enqueued again under its id; one whose job is still waiting or running is left to it.
   */
  async tick(): Promise<number> {
    let total = 0;
    for (;;) {
      // In-app reminders are delivered by the claim itself (one batch, one transaction).
      const { fresh, stale, inApp } = await this.dispatch.claimDue(500);
      this.metrics.deliveredInApp(inApp);
      total += inApp.length;
      // A fresh claim can meet a finished job of the same id too: a delivery whose job ran
      // and skipped (milestone closed meanwhile), then re-planned (reopened, moved). BullMQ
      // ignores an add under the id of a job it still keeps, so a finished one goes first.
      const checked = await Promise.all(
        [...fresh, ...stale].map(async (id) => {
          const job = await this.queue.getJob(jobIds.delivery(id));
          if (!job) return id;
          const state = await job.getState();
          if (state === 'failed' || state === 'completed') {
            await job.remove().catch(() => undefined);
            return id;
          }
          return null; // still waiting or running: it will deliver
        }),
      );
      const ids = checked.filter((id): id is string => id !== null);
      if (ids.length) {
        await this.queue.addBulk(
          ids.map((deliveryId) =>
            jobFor(
              QueueName.Reminders,
              ReminderJob.Deliver,
              { deliveryId },
              {
                jobId: jobIds.delivery(deliveryId),
              },
            ),
          ),
        );
      }
      total += ids.length;
      if (fresh.length + stale.length + inApp.length < 500) break;
    }
    const digests = await this.dispatch.claimDigests();
    for (const d of digests) {
      // The same person and moment again (a lost job): clear an ended job under that id.
      const job = await this.queue.getJob(jobIds.digest(d.userId, d.moment));
      if (job && ['failed', 'completed'].includes(await job.getState()))
        await job.remove().catch(() => undefined);
    }
    if (digests.length) {
      await this.queue.addBulk(
        digests.map((d) =>
          jobFor(
            QueueName.Reminders,
            ReminderJob.Digest,
            { userId: d.userId, moment: d.moment },
            {
              jobId: jobIds.digest(d.userId, d.moment),
            },
          ),
        ),
      );
    }
    return total + digests.length;
  }

  /** Anniversaries whose day has passed move to the next year. */
  async rollAnniversaries(): Promise<number> {
    const rows: { defender_id: string; status: string; detained_since: string | null }[] =
      await this.dataSource.query(
        `SELECT m.defender_id, d.status, d.detained_since::text FROM milestones m JOIN defenders d ON d.id = m.defender_id
        WHERE m.source = 'anniversary' AND m.due_at < $1`,
        [this.clock.now()],
      );
    for (const r of rows) {
      await this.dataSource.transaction((tx) =>
        this.sync.syncAnniversary(tx, r.defender_id, {
          status: r.status as DefenderStatus,
          detainedSince: r.detained_since,
        }),
      );
    }
    return rows.length;
  }
}
