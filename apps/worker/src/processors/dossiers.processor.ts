import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DossiersService } from '@witness/domain';
import { DossierJob, PdfRenderer, QueueName, type QueueJob } from '@witness/platform';
import type { Job } from 'bullmq';

/** Renders requested dossiers; the work (and the exactly-once effect) is in DossiersService. */
// The lock is renewed while a render runs, so a short one only shortens how long the job of a
// killed worker waits before another takes it (as for reminders). A job may stall several
// times (a worker killed again and again) before BullMQ gives up on it.
@Processor(QueueName.Dossiers, {
  concurrency: 2,
  lockDuration: 15_000,
  stalledInterval: 10_000,
  maxStalledCount: 5,
})
export class DossiersProcessor extends WorkerHost {
  private readonly logger = new Logger(DossiersProcessor.name);

  constructor(
    private readonly dossiers: DossiersService,
    private readonly pdf: PdfRenderer,
  ) {
    super();
  }

  async process(job: QueueJob<QueueName.Dossiers>): Promise<unknown> {
    const started = Date.now();
    // A job of another version (its name not in the map) is skipped, said in the log.
    if ((job as Job).name !== DossierJob.Render) {
      this.logger.warn({ jobId: job.id, name: (job as Job).name }, 'unknown job skipped');
      return null;
    }
    const { dossierId } = job.data;
    const outcome = await this.dossiers.render(
      dossierId,
      this.pdf,
      job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    );
    this.logger.log(
      { jobId: job.id, dossierId, outcome, ms: Date.now() - started },
      'dossier render',
    );
    return { outcome };
  }
}
