import type { Job, JobsOptions } from 'bullmq';

/**
 * Every BullMQ queue and job, with its payload type, in one place (producers and
 * processors import these; no string literals elsewhere). Payloads carry ids only,
 * never personal data (ARCHITECTURE.md principle 2).
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Reminders = 'reminders',
  Dossiers = 'dossiers',
  Documents = 'documents',
}

export enum MaintenanceJob {
  /** A no-op that proves a worker is consuming; used by readiness checks and tests. */
  Ping = 'ping',
  /** Recurring (job scheduler): check the audit chain since the last anchor, anchor its head. */
  AuditAnchor = 'audit-anchor',
}

export enum ReminderJob {
  /** Recurring (job scheduler): claim due deliveries and enqueue them. */
  Tick = 'tick',
  /** Deliver one reminder on one channel to one person. */
  Deliver = 'deliver',
  /** Daily (job scheduler): roll anniversaries forward. */
  Daily = 'daily',
  /** One person's daily digest email. */
  Digest = 'digest',
  /** Keep one UN calendar entry's milestones in step with it (after an edit or import). */
  CalendarSync = 'calendar-sync',
}

export enum DossierJob {
  /** Render one requested dossier (HTML, or PDF through headless Chromium). */
  Render = 'render',
}

export enum DocumentJob {
  /** Scan one document version kept while clamd was down (`pending`): clean or quarantined. */
  Scan = 'scan',
  /** At worker start and recurring (job scheduler): scan every version still pending. */
  ScanSweep = 'scan-sweep',
}

export enum OutboxJob {
  /** Recurring: enqueue committed outbox rows. */
  Relay = 'relay',
}

/**
 * Which jobs each queue carries, and each job's payload (ids only): the one map producers
 * (the outbox, schedulers, bulk adds) and processors (`QueueJob<Q>`) are typed from.
 */
export interface QueueJobs {
  [QueueName.Maintenance]: {
    [MaintenanceJob.Ping]: { requestedAt: string };
    [MaintenanceJob.AuditAnchor]: Record<string, never>;
    [OutboxJob.Relay]: Record<string, never>;
  };
  [QueueName.Reminders]: {
    [ReminderJob.Tick]: Record<string, never>;
    [ReminderJob.Deliver]: { deliveryId: string };
    [ReminderJob.Daily]: Record<string, never>;
    [ReminderJob.Digest]: { userId: string; moment: string };
    [ReminderJob.CalendarSync]: { entryId: string };
  };
  [QueueName.Dossiers]: {
    [DossierJob.Render]: { dossierId: string };
  };
  [QueueName.Documents]: {
    [DocumentJob.Scan]: { versionId: string };
    [DocumentJob.ScanSweep]: Record<string, never>;
  };
}

/** The names of the jobs a queue carries. */
export type JobNameOf<Q extends QueueName> = keyof QueueJobs[Q] & string;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** Every job's payload by its name (job names are unique across queues). */
export type JobPayloads = UnionToIntersection<QueueJobs[QueueName]>;

/**
 * A job as a queue's processor receives it: a union over the queue's job names, so a
 * `switch (job.name)` narrows `job.data` to that job's payload.
 */
export type QueueJob<Q extends QueueName, R = unknown> = {
  [N in JobNameOf<Q>]: Job<QueueJobs[Q][N], R, N>;
}[JobNameOf<Q>];

/** One job to add to queue Q (`queue.add`/`addBulk`, a scheduler's template). */
export interface JobSpec<Q extends QueueName, N extends JobNameOf<Q> = JobNameOf<Q>> {
  name: N;
  data: QueueJobs[Q][N];
  opts?: JobsOptions;
}

/** A job for queue Q, its payload checked against the map (e.g. for `addBulk`). */
export function jobFor<Q extends QueueName, N extends JobNameOf<Q>>(
  _queue: Q,
  name: N,
  data: QueueJobs[Q][N],
  opts?: JobsOptions,
): JobSpec<Q, N> {
  return opts ? { name, data, opts } : { name, data };
}

/** Deterministic job ids: enqueuing the same work twice is a no-op while the job exists. */
export const jobIds = {
  delivery: (id: string) => `delivery-${id}`,
  dossier: (id: string) => `dossier-${id}`,
  documentScan: (versionId: string) => `document-scan-${versionId}`,
  digest: (userId: string, moment: string) => `digest-${userId}-${Date.parse(moment)}`,
  /** Per change: every edit of an entry (a new version, or its removal) syncs again. */
  calendarSync: (entryId: string, version: number | 'removed') =>
    `calendar-sync-${entryId}-${version}`,
};

export type JobName = keyof JobPayloads;

/** Default options for every job: retried with backoff, bounded history in Redis. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 14 * 24 * 3600 },
} as const;
