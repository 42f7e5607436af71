import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import {
  AuditAnchors,
  MaintenanceJob,
  OutboxJob,
  OutboxService,
  QueueName,
  type Env,
  type QueueJob,
} from '@witness/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobSchedulers } from './job-schedulers';
import { OutboxRelay } from './outbox-relay.service';
import type { Job } from 'bullmq';

/**
 * Housekeeping jobs. `ping` proves a worker is consuming (used by tests and operators); the
 * outbox relay and the audit chain's anchors run on job schedulers.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private schedulers?: JobSchedulers<QueueName.Maintenance>;

  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly relay: OutboxRelay,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly anchors: AuditAnchors,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
    this.schedulers = new JobSchedulers<QueueName.Maintenance>(
      this.queue,
      [
        {
          id: 'outbox-relay',
          repeat: { every: this.config.get('OUTBOX_RELAY_SECONDS', { infer: true }) * 1000 },
          template: { name: OutboxJob.Relay, data: {} },
        },
        {
          id: 'audit-anchor',
          repeat: { every: this.config.get('AUDIT_ANCHOR_SECONDS', { infer: true }) * 1000 },
          template: { name: MaintenanceJob.AuditAnchor, data: {} },
        },
      ],
      this.logger,
    );
    await this.schedulers.start();
  }

  onApplicationShutdown(): void {
    this.schedulers?.stop();
  }

  async process(job: QueueJob<QueueName.Maintenance, { pong: string }>): Promise<{ pong: string }> {
    const started = Date.now();
    switch (job.name) {
      case OutboxJob.Relay: {
        const enqueued = await this.relay.relay(
          500,
          this.config.get('OUTBOX_REQUEUE_SECONDS', { infer: true }) * 1000,
        );
        if (enqueued)
          this.logger.log({ jobId: job.id, enqueued, ms: Date.now() - started }, 'outbox relayed');
        return { pong: String(enqueued) };
      }
      case MaintenanceJob.AuditAnchor: {
        // A broken chain is logged as an error and leaves the last good anchor standing.
        const { verified, anchor } = await this.anchors.anchorNow();
        this.logger.log(
          {
            jobId: job.id,
            ok: verified.ok,
            chainSeq: anchor?.chainSeq ?? null,
            ms: Date.now() - started,
          },
          anchor
            ? 'audit anchor written'
            : verified.ok
              ? 'audit anchor not needed: the chain has not moved'
              : 'audit anchor not written: the chain does not verify',
        );
        return { pong: anchor?.chainSeq ?? '' };
      }
      case MaintenanceJob.Ping: {
        // A ping that came through the outbox is done once processed (the pattern every
        // outbox consumer follows: mark done in the transaction that records the effect).
        await this.outbox.markDone(this.dataSource.manager, String(job.id));
        this.logger.log({ jobId: job.id, ms: Date.now() - started }, 'ping processed');
        return { pong: job.data.requestedAt };
      }
      default: {
        // A job of another version (its name not in the map) is skipped, said in the log.
        const other = job as Job;
        this.logger.warn({ jobId: other.id, name: other.name }, 'unknown job skipped');
        return { pong: '' };
      }
    }
  }
}
