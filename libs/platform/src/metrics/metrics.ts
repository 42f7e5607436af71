import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { QueueName } from '../queue/queues';

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  /** Which process this is; every series carries it as the `app` label. */
  app: 'api' | 'worker';
}

/** Queue states worth watching (completed jobs are pruned by count and age, so not counted). */
export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/** A collector that takes longer than this is skipped for the scrape (and counted). */
const COLLECT_TIMEOUT_MS = 3000;

type Collector = 'db_pool' | 'queues' | 'outbox' | 'reminders' | 'scans';

let processRegistry: Registry | undefined;

/**
 * Node's own metrics (CPU, memory, event-loop lag, GC): one set per process, shared by every
 * app built in it (tests boot the api and the worker in one process).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The pg Pool under TypeORM's postgres driver (typed loosely: TypeORM types it `any`). */
interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/**
 * Every Prometheus metric Witness exposes, in one registry per app. Counters and histograms
 * are recorded as things happen (HTTP hooks, job events, deliveries); gauges of shared state
 * (queue depths, outbox backlog, reminders due, database pool) are read when scraped, each
 * under a timeout, so a slow or unreachable dependency leaves its gauges out of that scrape
 * and counts a collection error instead of failing the whole scrape or reporting a wrong 0.
 *
 * Labels are only ever bounded values (route templates, queue and job names, statuses,
 * channels), never ids or anything a person typed.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  /** Scrape-time gauges, one registry per collector: a failed collector's are left out. */
  private readonly gauges: Record<Collector, Registry> = {
    db_pool: new Registry(),
    queues: new Registry(),
    outbox: new Registry(),
    reminders: new Registry(),
    scans: new Registry(),
  };

  readonly httpDuration = new Histogram({
    name: 'witness_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly httpErrors = new Counter({
    name: 'witness_http_errors_total',
    help: 'HTTP answers with a 4xx or 5xx status, by method, route template, status and class.',
    labelNames: ['method', 'route', 'status', 'class'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'witness_job_duration_seconds',
    help: 'Time a worker spent on one job attempt, by queue, job name and result (completed or failed).',
    labelNames: ['queue', 'name', 'result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'witness_job_failures_total',
    help: 'Failed job attempts by queue and job name; final="true" when no retry is left.',
    labelNames: ['queue', 'name', 'final'] as const,
    registers: [this.registry],
  });

  readonly reminderLag = new Histogram({
    name: 'witness_reminder_delivery_lag_seconds',
    help: "Seconds between a reminder's due time (send_at) and its recorded delivery, by channel.",
    labelNames: ['channel'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 12 * 3600, 86400],
    registers: [this.registry],
  });

  readonly reminderDeliveries = new Counter({
    name: 'witness_reminder_deliveries_total',
    help: 'Reminder delivery jobs by channel (email_digest for a digest) and outcome (sent, skipped, failed for good).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly collectErrors = new Counter({
    name: 'witness_metrics_collect_errors_total',
    help: 'Scrape-time collectors that failed or timed out (their gauges are left out of that scrape).',
    labelNames: ['collector'] as const,
    registers: [this.registry],
  });

  private readonly poolConnections = new Gauge({
    name: 'witness_db_pool_connections',
    help: "Connections in this process's PostgreSQL pool, by state (busy or idle).",
    labelNames: ['state'] as const,
    registers: [this.gauges.db_pool],
  });

  private readonly poolWaiting = new Gauge({
    name: 'witness_db_pool_waiting_requests',
    help: 'Queries waiting for a free pool connection (above 0 for long: the pool is too small).',
    registers: [this.gauges.db_pool],
  });

  private readonly poolMax = new Gauge({
    name: 'witness_db_pool_max_connections',
    help: 'Size limit of the pool (DATABASE_POOL_SIZE).',
    registers: [this.gauges.db_pool],
  });

  private readonly queueJobs = new Gauge({
    name: 'witness_queue_jobs',
    help: 'Jobs in each BullMQ queue by state (shared: every replica reports the same value).',
    labelNames: ['queue', 'state'] as const,
    registers: [this.gauges.queues],
  });

  private readonly outboxBacklog = new Gauge({
    name: 'witness_outbox_backlog',
    help: 'Outbox messages due and not done yet (shared: every replica reports the same value).',
    registers: [this.gauges.outbox],
  });

  private readonly outboxOldest = new Gauge({
    name: 'witness_outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox message due and not done (0 when none).',
    registers: [this.gauges.outbox],
  });

  private readonly remindersDue = new Gauge({
    name: 'witness_reminders_due_unsent',
    help: 'Reminder deliveries due (send_at passed) and not sent yet, digest emails excepted.',
    registers: [this.gauges.reminders],
  });

  private readonly remindersOldest = new Gauge({
    name: 'witness_reminders_oldest_due_age_seconds',
    help: 'How long the oldest due, unsent reminder delivery has been waiting (0 when none).',
    registers: [this.gauges.reminders],
  });

  private readonly scansPending = new Gauge({
    name: 'witness_documents_pending_scan',
    help: 'Document versions kept while the virus scanner was unreachable, not scanned yet (never served until then).',
    registers: [this.gauges.scans],
  });

  private readonly scansOldest = new Gauge({
    name: 'witness_documents_pending_scan_oldest_age_seconds',
    help: 'How long the oldest document version waiting for the virus check has waited (0 when none).',
    registers: [this.gauges.scans],
  });

  constructor(
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Record one HTTP answer. `route` must be a route template, never a raw URL. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpDuration.observe(labels, seconds);
    if (status >= 400) this.httpErrors.inc({ ...labels, class: status >= 500 ? '5xx' : '4xx' });
  }

  /** The exposition (Prometheus text format 0.0.4), gauges read now. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const collected = await Promise.all([
      this.collect('db_pool', () => this.collectPool()),
      this.collect('queues', () => this.collectQueues()),
      this.collect('outbox', () => this.collectOutbox()),
      this.collect('reminders', () => this.collectReminders()),
      this.collect('scans', () => this.collectScans()),
    ]);
    const merged = Registry.merge([
      processMetrics(),
      this.registry,
      ...collected.filter((c): c is Collector => c !== null).map((c) => this.gauges[c]),
    ]);
    merged.setDefaultLabels({ app: this.options.app });
    return { contentType: merged.contentType, body: await merged.metrics() };
  }

  /** Run one collector under a timeout; its name when it succeeded, null when not. */
  private async collect(name: Collector, fn: () => Promise<void>): Promise<Collector | null> {
    try {
      await withTimeout(fn(), COLLECT_TIMEOUT_MS);
      return name;
    } catch (e) {
      this.collectErrors.inc({ collector: name });
      this.logger.warn({ collector: name, err: (e as Error).message }, 'metrics collector failed');
      return null;
    }
  }

  private async collectPool(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master?: PgPoolLike }).master;
    if (!pool) throw new Error('no connection pool');
    this.poolConnections.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
    this.poolConnections.set({ state: 'idle' }, pool.idleCount);
    this.poolWaiting.set(pool.waitingCount);
    if (pool.options?.max !== undefined) this.poolMax.set(pool.options.max);
  }

  private async collectQueues(): Promise<void> {
    const counts = await Promise.all(
      Object.values(QueueName).map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        return { name, counts: await queue.getJobCounts(...QUEUE_STATES) };
      }),
    );
    for (const { name, counts: c } of counts) {
      for (const state of QUEUE_STATES) this.queueJobs.set({ queue: name, state }, c[state] ?? 0);
    }
  }

  private async collectOutbox(): Promise<void> {
    const now = this.clock.now();
    const row = await this.scalarQuery(
      `SELECT count(*)::text AS n, min(available_at) AS oldest FROM outbox
        WHERE done_at IS NULL AND available_at <= $1`,
      [now],
    );
    this.outboxBacklog.set(Number(row.n));
    this.outboxOldest.set(ageSeconds(now, row.oldest));
  }

  private async collectReminders(): Promise<void> {
    const now = this.clock.now();
    // Same rule as the tick's claim: emails of people on a daily digest wait for it on purpose.
    const row = await this.scalarQuery(
      `SELECT count(*)::text AS n, min(send_at) AS oldest FROM deliveries
        WHERE state IN ('pending', 'queued') AND send_at <= $1
          AND NOT (channel = 'email' AND recipient_id IN
                   (SELECT user_id FROM notification_preferences WHERE digest_hour IS NOT NULL))`,
      [now],
    );
    this.remindersDue.set(Number(row.n));
    this.remindersOldest.set(ageSeconds(now, row.oldest));
  }

  private async collectScans(): Promise<void> {
    const row = await this.scalarQuery(
      `SELECT count(*)::text AS n, min(created_at) AS oldest FROM document_versions
        WHERE scan = 'pending'`,
      [],
    );
    this.scansPending.set(Number(row.n));
    this.scansOldest.set(ageSeconds(this.clock.now(), row.oldest));
  }

  /**
   * A count and an oldest time, in a read-only transaction whose statement and lock waits are
   * cut short by PostgreSQL itself: a scrape never leaves a query behind nor queues behind a lock.
   */
  private scalarQuery(sql: string, params: unknown[]): Promise<{ n: string; oldest: Date | null }> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SET TRANSACTION READ ONLY`);
      await tx.query(`SET LOCAL statement_timeout = '${COLLECT_TIMEOUT_MS - 500}ms'`);
      await tx.query(`SET LOCAL lock_timeout = '1s'`);
      const [row] = await tx.query(sql, params);
      return row as { n: string; oldest: Date | null };
    });
  }
}

function ageSeconds(now: Date, since: Date | null): number {
  return since ? Math.max(0, (now.getTime() - new Date(since).getTime()) / 1000) : 0;
}
