import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MaintenanceJob, QueueName, type Env, type JobPayloads } from '@witness/platform';
import type { Job } from 'bullmq';

/** Housekeeping jobs. `ping` proves a worker is consuming (used by tests and operators). */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly config: ConfigService<Env, true>) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
  }

  async process(job: Job<JobPayloads[MaintenanceJob.Ping]>): Promise<{ pong: string }> {
    const started = Date.now();
    switch (job.name) {
      case MaintenanceJob.Ping: {
        this.logger.log({ jobId: job.id, ms: Date.now() - started }, 'ping processed');
        return { pong: job.data.requestedAt };
      }
      default:
        this.logger.warn({ jobId: job.id, name: job.name }, 'unknown job skipped');
        return { pong: '' };
    }
  }
}
