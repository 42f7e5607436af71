import type { Sent } from './client';

/**
 * What each operation answered, for the coverage checks; with FUZZ_VERBOSE, a summary per
 * operation (statuses, time, the fields 400s named) to tune the arbitraries by.
 */
export class FuzzStats {
  readonly statuses = new Map<string, number[]>();
  private readonly started = new Map<string, number>();
  private readonly millis = new Map<string, number>();
  private readonly refusedFields = new Map<string, number>();

  begin(op: string): void {
    this.statuses.set(op, []);
    this.started.set(op, performance.now());
  }

  end(op: string): void {
    this.millis.set(op, Math.round(performance.now() - (this.started.get(op) ?? 0)));
  }

  record(op: string, sent: Sent): void {
    this.statuses.get(op)?.push(sent.status);
    if (!process.env.FUZZ_VERBOSE || sent.status !== 400) return;
    try {
      for (const e of JSON.parse(sent.text).errors ?? []) {
        const k = `${op} ${e.field}: ${String(e.message).slice(0, 80)}`;
        this.refusedFields.set(k, (this.refusedFields.get(k) ?? 0) + 1);
      }
    } catch {
      // Not JSON: the checks report it.
    }
  }

  /** Operations none of whose answers has a status in [from, to). */
  never(from: number, to: number, among: (op: string) => boolean = () => true): string[] {
    return [...this.statuses]
      .filter(([k, v]) => among(k) && !v.some((s) => s >= from && s < to))
      .map(([k]) => k);
  }

  report(): void {
    if (!process.env.FUZZ_VERBOSE) return;
    const lines = [...this.statuses].map(([k, v]) => {
      const counts: Record<number, number> = {};
      for (const s of v) counts[s] = (counts[s] ?? 0) + 1;
      return `${k} ${JSON.stringify(counts)} ${this.millis.get(k)} ms`;
    });
    const fields = [...this.refusedFields]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 150)
      .map(([k, n]) => `${n} ${k}`);
    console.log([...lines, '', 'most named in 400s:', ...fields].join('\n'));
  }
}
