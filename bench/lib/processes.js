// Child processes of the bench: start with an IPC channel, ask and wait for an answer, stop.
'use strict';

const { spawn } = require('node:child_process');
const { ROOT } = require('./common');

let nextId = 1;

/**
 * Start `node [nodeArgs] [--require preload] script` with an IPC channel (structured-clone
 * serialization, so Dates in captured parameters survive). stdout is discarded (the api's
 * request logs are written and dropped, as a production log pipe would take them); the last
 * lines of stderr are kept for diagnostics.
 */
function startNode(script, { env, preload, args = [], name, nodeArgs = [] }) {
  const execArgv = [...nodeArgs, ...(preload ? ['--require', preload] : [])];
  const child = spawn(process.execPath, [...execArgv, script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  child.benchName = name;
  child.stderrTail = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    child.stderrTail.push(...chunk.split('\n').filter(Boolean));
    if (child.stderrTail.length > 40) child.stderrTail.splice(0, child.stderrTail.length - 40);
  });
  return child;
}

function isRunning(child) {
  return child && child.exitCode === null && child.signalCode === null;
}

/** Send a message and resolve with the reply of type `replyType` carrying the same id. */
function ask(child, message, replyType, timeoutMs = 60_000) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.benchName}: no ${replyType} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg) => {
      if (msg && msg.type === replyType && msg.id === id) {
        cleanup();
        resolve(msg);
      }
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`${child.benchName} exited: ${child.stderrTail.slice(-10).join('\n')}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ ...message, id });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child is gone. */
function stop(child, graceMs = 10_000) {
  if (!isRunning(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `url` until it answers 2xx (or the child dies, or the timeout passes). */
async function waitForHttp(url, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child)) {
      throw new Error(`${child.benchName} exited: ${child.stderrTail.slice(-15).join('\n')}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

module.exports = { startNode, ask, stop, isRunning, sleep, waitForHttp };
