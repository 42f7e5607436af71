#!/usr/bin/env node
// `npm start`: build if needed, then run the api and the worker in the foreground.
//
// 1. Build when dist/ is missing or older than any TypeScript source under apps/, libs/,
//    migrations/ or scripts/ (modification times compared), with `npm run build:fast` (swc, no
//    type-check: seconds instead of the minutes tsc takes; `npm run typecheck` checks types).
// 2. Start the api (`node dist/apps/api/src/main.js`; it runs pending migrations first), wait
//    until GET /health/live answers (up to 60 s), then start the worker.
// 3. Ctrl-C or SIGTERM: SIGTERM to both, wait for them to exit (SIGKILL after 30 s; a second
//    Ctrl-C forces it at once). If either dies on its own, stop the other and exit non-zero.
//
// Plain CommonJS with no dependencies, so it runs before anything is built.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['apps', 'libs', 'migrations', 'scripts'];
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json'];
const ENTRY = {
  api: path.join(ROOT, 'dist/apps/api/src/main.js'),
  worker: path.join(ROOT, 'dist/apps/worker/src/main.js'),
};
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

function say(message) {
  process.stderr.write(`[start] ${message}\n`);
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Newest modification time of the built sources (.ts, tests excluded: they are not built). */
function newestSourceMtime() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name)) {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir));
  for (const file of BUILD_INPUTS) newest = Math.max(newest, mtimeOf(path.join(ROOT, file)) ?? 0);
  return newest;
}

/** Why a build is needed, or null when dist/ is up to date. */
function buildReason() {
  const built = Object.values(ENTRY).map(mtimeOf);
  if (built.some((m) => m === null)) return 'dist/ is missing';
  const newestSource = newestSourceMtime();
  // Each build rewrites every output, so the entry points carry the build's time.
  if (newestSource > Math.min(...built)) return 'sources changed since the last build';
  return null;
}

function buildIfNeeded() {
  const reason = buildReason();
  if (!reason) return;
  say(`${reason}: npm run build:fast`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build:fast'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) {
    say(`could not run the build: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    say(`build failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

// ---------------------------------------------------------------------------------------------

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;
let exitCode = 0;
let killTimer = null;

function isRunning(child) {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * The api's V8 flags: package.json's config.apiNodeOptions (a 192 MB old-space cap: the live
 * heap is about 70 MB, and without a cap V8 lets garbage grow the process past 400 MB under
 * load; docs/performance.md has the figures), unless NODE_OPTIONS is set.
 */
function envFor(name) {
  if (name !== 'api' || process.env.NODE_OPTIONS !== undefined) return process.env;
  const { config } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { ...process.env, NODE_OPTIONS: config.apiNodeOptions };
}

function start(name) {
  const child = spawn(process.execPath, [ENTRY[name]], {
    cwd: ROOT,
    env: envFor(name),
    stdio: 'inherit',
  });
  children.set(name, child);
  child.on('error', (err) => {
    say(`${name} could not start: ${err.message}`);
    stopAll(1);
  });
  child.on('exit', (code, signal) => {
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      say(`${name} stopped (${how})`);
      // Exiting 0 or by the signal we sent is a clean stop; anything else is reported.
      if (code !== null && code !== 0 && exitCode === 0) exitCode = code;
    } else if (signal === 'SIGINT') {
      // Ctrl-C in a terminal reaches the whole process group: the child may see it first.
      say(`${name} stopped by SIGINT; stopping the rest`);
      stopAll(0);
    } else {
      say(`${name} exited unexpectedly (${how}); stopping the rest`);
      stopAll(code || 1);
    }
    finishIfAllExited();
  });
  return child;
}

function finishIfAllExited() {
  if (!stopping) return;
  if ([...children.values()].some(isRunning)) return;
  if (killTimer) clearTimeout(killTimer);
  process.exit(exitCode);
}

/** SIGTERM to every running child; SIGKILL to those still running after 30 s. */
function stopAll(code) {
  if (code && exitCode === 0) exitCode = code;
  if (stopping) return;
  stopping = true;
  for (const [name, child] of children) {
    if (isRunning(child)) {
      say(`stopping ${name} (pid ${child.pid})`);
      child.kill('SIGTERM');
    }
  }
  killTimer = setTimeout(() => forceKill('did not stop within 30 s'), STOP_TIMEOUT_MS);
  finishIfAllExited();
}

function forceKill(why) {
  for (const [name, child] of children) {
    if (isRunning(child)) {
      say(`${name} ${why}: SIGKILL`);
      child.kill('SIGKILL');
      if (exitCode === 0) exitCode = 1;
    }
  }
}

function onSignal(signal) {
  if (!stopping) {
    say(`${signal} received`);
    stopAll(0);
  } else {
    // A second Ctrl-C: the user does not want to wait.
    forceKill(`${signal} received again`);
  }
}

process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGHUP', () => onSignal('SIGHUP'));
// Last resort (e.g. an exception here): never leave orphans behind.
process.on('exit', () => {
  for (const child of children.values()) if (isRunning(child)) child.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll the api's liveness endpoint until it answers 200; false after the timeout. */
async function waitForApi(api) {
  const port = Number(process.env.PORT || 3000);
  const host =
    process.env.HOST && !['0.0.0.0', '::'].includes(process.env.HOST)
      ? process.env.HOST
      : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/health/live`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping || !isRunning(api)) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // Not listening yet (the api runs its migrations first).
    }
    await sleep(250);
  }
  return false;
}

async function main() {
  buildIfNeeded();
  const api = start('api');
  const ready = await waitForApi(api);
  if (stopping) return; // a signal or the api's death is already being handled
  if (!ready) {
    say(`api did not answer /health/live within ${READY_TIMEOUT_MS / 1000} s`);
    stopAll(1);
    return;
  }
  start('worker');
  say('api and worker running; Ctrl-C stops both');
}

main().catch((err) => {
  say(`failed: ${err && err.stack ? err.stack : err}`);
  stopAll(1);
});
