import { Logger } from '@nestjs/common';
import { UnavailableError } from '../errors';
import type { ClamdClient, ClamdTarget, ScanVerdict } from './clamd-client';

/**
 * Scanning is configured but could not be done. `reason` says whether clamd was out of reach
 * (`unreachable`, `timeout`: worth waiting for, so an upload is kept pending a later scan) or
 * answered with an error (`error`, e.g. over its StreamMaxLength: the upload is refused, 503).
 */
export class ScannerUnavailableError extends UnavailableError {
  constructor(
    detail: string,
    readonly reason: 'unreachable' | 'timeout' | 'error' = 'error',
  ) {
    super(
      `The virus scanner could not check this file (${detail}), so it was refused and nothing was stored. Try again later; if it persists, tell an administrator.`,
      30,
    );
    this.name = 'ScannerUnavailableError';
  }

  /** clamd was down or too slow: trying again later may well succeed. */
  get transient(): boolean {
    return this.reason !== 'error';
  }
}

/** Scans uploaded content for malware; `enabled` is false when no scanner is configured. */
export abstract class VirusScanner {
  abstract readonly enabled: boolean;
  /** Throws ScannerUnavailableError when scanning is on but could not be done. */
  abstract scan(content: Buffer): Promise<ScanVerdict>;
}

export class ClamdVirusScanner extends VirusScanner {
  readonly enabled = true;
  private readonly logger = new Logger('clamav');
  private readonly client: ClamdClient;
  private readonly clamd: typeof import('./clamd-client');

  constructor(target: ClamdTarget, timeoutMs: number) {
    super();
    // Loaded only when a scanner is configured (ScanModule builds this class only then).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.clamd = require('./clamd-client') as typeof import('./clamd-client');
    this.client = new this.clamd.ClamdClient(target, timeoutMs);
  }

  async scan(content: Buffer): Promise<ScanVerdict> {
    try {
      return await this.client.scan(content);
    } catch (err) {
      if (!(err instanceof this.clamd.ClamdError)) throw err;
      this.logger.error({ reason: err.reason, detail: err.message }, 'virus scan failed');
      const detail =
        err.reason === 'unreachable'
          ? 'clamd is unreachable'
          : err.reason === 'timeout'
            ? 'clamd did not answer in time'
            : /size limit/i.test(err.message)
              ? "the file is larger than clamd's StreamMaxLength"
              : 'clamd answered with an error';
      throw new ScannerUnavailableError(detail, err.reason);
    }
  }
}

/** No scanner configured (CLAMAV_HOST and CLAMAV_SOCKET unset). */
export class DisabledVirusScanner extends VirusScanner {
  readonly enabled = false;

  scan(): Promise<ScanVerdict> {
    return Promise.reject(new Error('virus scanning is not configured'));
  }
}
