import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Metrics } from '@witness/platform';
import type { InAppOutcome } from '@witness/domain';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/**
 * The worker's own metrics: every job attempt's duration and every failure, from the BullMQ
 * workers' events (so no processor has to remember to report), and what became of each
 * reminder delivery, with its lag behind the due time.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerMetrics.name);

  constructor(
    private readonly metrics: Metrics,
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const host: unknown = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      const worker = host.worker;
      worker.on('completed', (job: Job) => this.attempt(worker.name, job, 'completed'));
      worker.on('failed', (job: Job | undefined) => {
        if (job) this.attempt(worker.name, job, 'failed');
      });
    }
  }

  private attempt(queue: string, job: Job, result: 'completed' | 'failed'): void {
    // BullMQ stamps these itself (the worker's wall clock), in milliseconds.
    const started = job.processedOn;
    const ended = job.finishedOn || Date.now();
    if (started) {
      this.metrics.jobDuration.observe(
        { queue, name: job.name, result },
        Math.max(0, ended - started) / 1000,
      );
    }
    if (result === 'failed') {
      const final = Boolean(job.finishedOn) || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.metrics.jobFailures.inc({ queue, name: job.name, final: String(final) });
    }
  }

  /** A delivery job ended with `outcome`; a sent one reports how late after its due time. */
  async delivered(deliveryId: string, outcome: 'sent' | 'skipped' | 'failed'): Promise<void> {
    try {
      const [row]: { channel: string; lag: number | null }[] = await this.dataSource.query(
        `SELECT channel, CASE WHEN state = 'sent' THEN extract(epoch FROM sent_at - send_at)::float8 END AS lag
           FROM deliveries WHERE id = $1`,
        [deliveryId],
      );
      if (!row) return;
      this.metrics.reminderDeliveries.inc({ channel: row.channel, outcome });
      if (outcome === 'sent' && row.lag !== null)
        this.metrics.reminderLag.observe({ channel: row.channel }, Math.max(0, row.lag));
    } catch (e) {
      // Metrics never fail a delivery that already happened.
      this.logger.warn({ deliveryId, err: (e as Error).message }, 'delivery metrics not recorded');
    }
  }

  /** In-app reminders delivered (or skipped) by a claim, with how late each went out. */
  deliveredInApp(outcomes: InAppOutcome[]): void {
    for (const o of outcomes) {
      this.metrics.reminderDeliveries.inc({ channel: 'in_app', outcome: o.outcome });
      if (o.outcome === 'sent' && o.lagSeconds !== null)
        this.metrics.reminderLag.observe({ channel: 'in_app' }, Math.max(0, o.lagSeconds));
    }
  }

  /** A digest email (many reminders at once, at the person's chosen hour) ended. */
  digested(outcome: 'sent' | 'skipped' | 'failed'): void {
    this.metrics.reminderDeliveries.inc({ channel: 'email_digest', outcome });
  }
}
