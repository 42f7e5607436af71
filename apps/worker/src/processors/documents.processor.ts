import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentScans } from '@witness/domain';
import { DocumentJob, QueueName, type Env, type QueueJob } from '@witness/platform';
import type { Job, Queue } from 'bullmq';
import { JobSchedulers } from './job-schedulers';

/**
 * Scans document versions kept while clamd was unreachable (`pending`): one job per version
 * (from the outbox; retried with backoff while clamd is still down, then enqueued again by
 * the relay), and a sweep at start and every CLAMAV_SWEEP_SECONDS that picks up any left
 * pending. The work and its exactly-once effect are in DocumentScans.
 */
@Processor(QueueName.Documents, { concurrency: 1 })
export class DocumentsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(DocumentsProcessor.name);
  private schedulers?: JobSchedulers<QueueName.Documents>;

  constructor(
    private readonly scans: DocumentScans,
    private readonly config: ConfigService<Env, true>,
    @InjectQueue(QueueName.Documents) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.schedulers = new JobSchedulers<QueueName.Documents>(
      this.queue,
      [
        {
          id: 'document-scan-sweep',
          repeat: { every: this.config.get('CLAMAV_SWEEP_SECONDS', { infer: true }) * 1000 },
          template: { name: DocumentJob.ScanSweep, data: {} },
        },
      ],
      this.logger,
    );
    await this.schedulers.start();
    // And one sweep now: uploads kept while this worker was down are not left waiting.
    await this.queue.add(
      DocumentJob.ScanSweep,
      {},
      { jobId: `document-scan-sweep-start-${Date.now()}` },
    );
  }

  onApplicationShutdown(): void {
    this.schedulers?.stop();
  }

  async process(job: QueueJob<QueueName.Documents>): Promise<unknown> {
    const started = Date.now();
    switch (job.name) {
      case DocumentJob.Scan: {
        // Throws while clamd is down: BullMQ retries with backoff.
        const outcome = await this.scans.scanPending(job.data.versionId);
        this.logger.log(
          { jobId: job.id, versionId: job.data.versionId, outcome, ms: Date.now() - started },
          'document scan',
        );
        return { outcome };
      }
      case DocumentJob.ScanSweep: {
        const tally = await this.scans.sweep();
        if (tally.clean || tally.quarantined || tally.left)
          this.logger.log(
            { jobId: job.id, ...tally, ms: Date.now() - started },
            'document scan sweep',
          );
        return tally;
      }
      default: {
        const other = job as Job;
        this.logger.warn({ jobId: other.id, name: other.name }, 'unknown job skipped');
        return null;
      }
    }
  }
}
