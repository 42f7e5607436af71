import { rmSync, renameSync, writeFileSync } from 'node:fs';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ConfigService } from '@nestjs/config';
import { QueueName, type Env } from '@witness/platform';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/**
 * The worker's liveness for a container healthcheck (it serves no HTTP): every
 * WORKER_HEARTBEAT_SECONDS it asks PostgreSQL (`SELECT 1`) and Redis (a queue's count), and only when
 * both answer within the period does it rewrite WORKER_HEARTBEAT_FILE. The file's age is the
 * verdict: a stuck event loop, a lost database or a lost Redis all leave it to go stale
 * (the Dockerfile's HEALTHCHECK allows four periods). Removed at shutdown.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('heartbeat');
  private timer?: NodeJS.Timeout;
  private beating = false;
  private failing = false;
  private stopped = false;
  private readonly file?: string;
  private readonly periodMs: number;

  constructor(
    config: ConfigService<Env, true>,
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    this.file = config.get('WORKER_HEARTBEAT_FILE', { infer: true }) || undefined;
    this.periodMs = config.get('WORKER_HEARTBEAT_SECONDS', { infer: true }) * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.file) return;
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.periodMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.file) rmSync(this.file, { force: true });
  }

  /** One check; writes the file only when PostgreSQL and Redis both answered in time. */
  async beat(): Promise<boolean> {
    if (!this.file || this.beating) return false;
    this.beating = true;
    let timeout: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error('no answer within the period')), this.periodMs);
      });
      await Promise.race([
        Promise.all([this.dataSource.query('SELECT 1'), this.queue.getJobCounts('active')]),
        deadline,
      ]);
      // Shut down meanwhile: a beat must not bring the file back.
      if (this.stopped) return false;
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ at: new Date().toISOString(), pid: process.pid })}\n`);
      renameSync(tmp, this.file);
      if (this.failing) this.logger.log('PostgreSQL and Redis answer again: heartbeat resumed');
      this.failing = false;
      return true;
    } catch (e) {
      if (!this.failing) {
        this.logger.error(`heartbeat withheld: ${(e as Error).message}`);
      }
      this.failing = true;
      return false;
    } finally {
      clearTimeout(timeout);
      this.beating = false;
    }
  }
}
