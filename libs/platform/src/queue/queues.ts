/**
 * Every BullMQ queue and job, with its payload type, in one place (producers and
 * processors import these; no string literals elsewhere). Payloads carry ids only,
 * never personal data (ARCHITECTURE.md principle 2).
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum MaintenanceJob {
  /** A no-op that proves a worker is consuming; used by readiness checks and tests. */
  Ping = 'ping',
}

export interface JobPayloads {
  [MaintenanceJob.Ping]: { requestedAt: string };
}

export type JobName = keyof JobPayloads;

/** Default options for every job: retried with backoff, bounded history in Redis. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 14 * 24 * 3600 },
} as const;
