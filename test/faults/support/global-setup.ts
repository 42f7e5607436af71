import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from './apps';

/** Newest modification time of the TypeScript the build is made from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Once per fault run: the suite drives the BUILT apps, so build when `dist/` is missing or
 * older than the sources; then check the tools the scenarios run (PostgreSQL binaries,
 * redis-server, Chromium), naming whatever is missing.
 */
export default function globalSetup(): void {
  const entries = ['api', 'worker', 'cli'].map((a) => join(DIST, 'apps', a, 'src', 'main.js'));
  const sources = Math.max(
    ...['apps', 'libs', 'migrations'].map((d) => newestSource(join(ROOT, d))),
  );
  const stale = entries.some((f) => !existsSync(f) || statSync(f).mtimeMs < sources);
  if (process.env.FAULTS_DIST) {
    // A build chosen by hand is taken as it is.
    const absent = entries.filter((f) => !existsSync(f));
    if (absent.length) throw new Error(`missing: ${absent.join(', ')}`);
  } else if (stale) {
    console.log('\nfault suite: building dist/ (npm run build)');
    const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  const pgBin = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
  const missing = [
    join(pgBin, 'initdb'),
    join(pgBin, 'pg_ctl'),
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  ].filter((f) => !existsSync(f));
  if (spawnSync('redis-server', ['--version']).status !== 0) missing.push('redis-server');
  if (missing.length)
    throw new Error(
      `the fault suite needs: ${missing.join(', ')} (see docs/development.md, Fault suite)`,
    );
}
