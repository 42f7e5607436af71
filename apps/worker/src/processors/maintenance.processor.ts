import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { MaintenanceJob, QueueName, type JobPayloads } from '@witness/platform';
import type { Job } from 'bullmq';

/** Housekeeping jobs. `ping` proves a worker is consuming (used by tests and operators). */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

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
