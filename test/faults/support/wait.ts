/**
 * Poll `check` until it returns something truthy, or fail after `timeout` ms naming what was
 * awaited (and the last value seen). Synchronisation by condition, never by a fixed sleep.
 */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  options: { timeout: number; interval?: number; what: string; last?: () => unknown },
): Promise<NonNullable<T>> {
  const end = Date.now() + options.timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      const seen = options.last ? ` (last: ${JSON.stringify(await options.last())})` : '';
      const err = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${options.timeout} ms waiting for ${options.what}${seen}${err}`,
      );
    }
    await pause(options.interval ?? 100);
  }
}

/** A pause between polls, or a real duration the scenario itself is about (an outage). */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Seeded PRNG (mulberry32): the random kill points of a run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The run's seed: FAULTS_SEED, or a fresh one (printed, so a failure can be replayed). */
export function faultSeed(): number {
  const fromEnv = Number(process.env.FAULTS_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

/** `promise`, or a failure naming `what` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Progress lines while a scenario runs (FAULTS_VERBOSE=1), straight to stderr. */
export function trace(line: string): void {
  if (process.env.FAULTS_VERBOSE)
    process.stderr.write(`[faults ${new Date().toISOString().slice(11, 23)}] ${line}\n`);
}
