import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import {
  MaintenanceJob,
  OutboxJob,
  OutboxService,
  QueueName,
  type Env,
  type JobPayloads,
} from '@witness/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobSchedulers } from './job-schedulers';
import { OutboxRelay } from './outbox-relay.service';
import type { Job } from 'bullmq';

/** Housekeeping jobs. `ping` proves a worker is consuming (used by tests and operators). */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private schedulers?: JobSchedulers;

  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly relay: OutboxRelay,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
    this.schedulers = new JobSchedulers(
      this.queue,
      [
        {
          id: 'outbox-relay',
          repeat: { every: this.config.get('OUTBOX_RELAY_SECONDS', { infer: true }) * 1000 },
          template: { name: OutboxJob.Relay, data: {} },
        },
      ],
      this.logger,
    );
    await this.schedulers.start();
  }

  onApplicationShutdown(): void {
    this.schedulers?.stop();
  }

  async process(job: Job<JobPayloads[MaintenanceJob.Ping]>): Promise<{ pong: string }> {
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
      case MaintenanceJob.Ping: {
        // A ping that came through the outbox is done once processed (the pattern every
        // outbox consumer follows: mark done in the transaction that records the effect).
        await this.outbox.markDone(this.dataSource.manager, String(job.id));
        this.logger.log({ jobId: job.id, ms: Date.now() - started }, 'ping processed');
        return { pong: job.data.requestedAt };
      }
      default:
        this.logger.warn({ jobId: job.id, name: job.name }, 'unknown job skipped');
        return { pong: '' };
    }
  }
}
