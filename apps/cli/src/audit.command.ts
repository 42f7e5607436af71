import { readFile } from 'node:fs/promises';
import type { INestApplicationContext } from '@nestjs/common';
import {
  AuditAnchors,
  AuditService,
  parseAnchor,
  type AuditAnchor,
  type AuditVerifyResult,
} from '@witness/platform';

export const AUDIT_USAGE = `  audit:verify [--anchors-from FILE]
                   check every row of the audit trail (position, link, HMAC) and compare it with
                   every anchor in the store; FILE adds anchors copied from the logs (JSON lines
                   "audit chain anchored"). Exit 1 naming the first bad row
  audit:anchor     check the rows since the last anchor, then write a signed anchor of the
                   chain's head (store and log) now`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Anchors from a file of log lines (or of bare anchors): every line that holds an anchor,
 * either as `auditAnchor` (the worker's log record) or as the whole line.
 */
export function anchorsFromLines(text: string): { anchors: AuditAnchor[]; bad: number[] } {
  const anchors: AuditAnchor[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad.push(i + 1);
      return;
    }
    const record = value as { auditAnchor?: unknown };
    const a = parseAnchor(record?.auditAnchor ?? value);
    if (a) anchors.push(a);
    else bad.push(i + 1);
  });
  return { anchors, bad };
}

export async function runAuditVerify(
  app: INestApplicationContext,
  anchorsFrom: string | undefined,
): Promise<number> {
  const found = await app.get(AuditAnchors).list();
  if (found.unreadable.length) {
    console.error(
      `audit anchors UNREADABLE (damaged, or not written by Witness): ${found.unreadable.join(', ')}`,
    );
    return 1;
  }
  const anchors = [...found.anchors];
  if (anchorsFrom) {
    const extra = anchorsFromLines(await readFile(anchorsFrom, 'utf8'));
    if (extra.bad.length) {
      console.error(
        `${anchorsFrom}: line(s) ${extra.bad.slice(0, 10).join(', ')} hold no audit anchor`,
      );
      return 1;
    }
    anchors.push(...extra.anchors);
  }
  const res = await app.get(AuditService).verify({ anchors });
  if (res.ok) {
    const legacy = res.legacyRows
      ? `; the first ${res.legacyRows} predate the HMAC chain (unkeyed, sealed by the row after them)`
      : '';
    out(
      `audit trail verified: ${res.rows} rows, head ${res.head ?? '(empty)'}, ` +
        `${res.anchors ?? 0} anchor(s) matched${legacy}`,
    );
    if (!anchors.length && res.rows > 0)
      out('warning: no anchor found; the worker writes them (AUDIT_ANCHOR_SECONDS)');
    return 0;
  }
  return broken(app, res);
}

/** Say where the chain breaks (stderr); exit code 1. */
async function broken(
  app: INestApplicationContext,
  res: Extract<AuditVerifyResult, { ok: false }>,
  after = '',
): Promise<number> {
  console.error(
    `audit trail BROKEN at chain position ${res.chainSeq} (row id ${res.id ?? 'none'}): ${res.reason}${after}`,
  );
  // After an upgrade, the number of old rows is what AUDIT_UNKEYED_ROWS must be set to.
  if (res.reason.includes('AUDIT_UNKEYED_ROWS'))
    console.error(
      `the chain starts with ${await app.get(AuditService).unkeyedPrefix()} unsigned row(s)`,
    );
  return 1;
}

export async function runAuditAnchor(app: INestApplicationContext): Promise<number> {
  const { verified, anchor } = await app.get(AuditAnchors).anchorNow({ force: true });
  if (!verified.ok) return broken(app, verified, '; no anchor written');
  if (!anchor) {
    out('the audit trail is empty: nothing to anchor');
    return 0;
  }
  out(`anchored chain position ${anchor.chainSeq}, hash ${anchor.hash}, at ${anchor.at}`);
  return 0;
}
