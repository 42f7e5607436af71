import type { OutboxEntry } from '../outbox/outbox.service';
import {
  DossierJob,
  jobFor,
  jobIds,
  MaintenanceJob,
  QueueName,
  ReminderJob,
  type JobNameOf,
  type QueueJob,
} from './queues';

// The map is checked by the compiler (tsc --noEmit runs over the specs): each line marked
// as an expected error below must stay a type error, or the typecheck fails.

describe('the typed job map', () => {
  it('builds a job of a queue with its payload and deterministic id', () => {
    const job = jobFor(
      QueueName.Reminders,
      ReminderJob.Deliver,
      { deliveryId: 'd1' },
      {
        jobId: jobIds.delivery('d1'),
      },
    );
    expect(job).toEqual({
      name: 'deliver',
      data: { deliveryId: 'd1' },
      opts: { jobId: 'delivery-d1' },
    });
    // @ts-expect-error a job of another queue
    jobFor(QueueName.Reminders, DossierJob.Render, { dossierId: 'x' });
    // @ts-expect-error a payload that is not the job's (personal data has no field to go in)
    jobFor(QueueName.Dossiers, DossierJob.Render, { dossierId: 'x', fullName: 'A' });
  });

  it('types outbox entries by queue and job name', () => {
    const ok: OutboxEntry<QueueName.Dossiers, DossierJob.Render> = {
      queue: QueueName.Dossiers,
      name: DossierJob.Render,
      jobId: jobIds.dossier('x'),
      payload: { dossierId: 'x' },
    };
    expect(ok.jobId).toBe('dossier-x');
    const bad: OutboxEntry<QueueName.Reminders, ReminderJob.CalendarSync> = {
      queue: QueueName.Reminders,
      name: ReminderJob.CalendarSync,
      jobId: jobIds.calendarSync('e', 2),
      // @ts-expect-error the calendar sync carries the entry's id, nothing else
      payload: { dossierId: 'x' },
    };
    expect(bad.jobId).toBe('calendar-sync-e-2');
  });

  it("narrows a processor's job by its name", () => {
    const names: JobNameOf<QueueName.Maintenance>[] = [MaintenanceJob.Ping];
    const read = (job: QueueJob<QueueName.Maintenance>): string =>
      job.name === MaintenanceJob.Ping ? job.data.requestedAt : '';
    expect(names).toEqual(['ping']);
    expect(read({ name: MaintenanceJob.Ping, data: { requestedAt: 'now' } } as never)).toBe('now');
  });
});
