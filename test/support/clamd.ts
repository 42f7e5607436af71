import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EICAR } from './files';

/** Debian's clamav-daemon (`.ci/run` installs it). */
export const CLAMD_BIN = process.env.CLAMD_BIN ?? '/usr/sbin/clamd';

/** The signature name clamd reports for EICAR with the database below. */
export const EICAR_SIGNATURE = 'Witness.Test.EICAR.UNOFFICIAL';

export interface TestClamd {
  host: string;
  port: number;
  /** The Unix socket, when asked for. */
  socket?: string;
  /** CLAMAV_* variables that point the api at it (TCP, or the socket when there is one). */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Does clamd answer PING with PONG on this address? */
function pong(target: { port: number; host: string } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(target as never);
    let out = '';
    s.setTimeout(1000, () => s.destroy());
    s.on('connect', () => s.write('zPING\0'));
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out.startsWith('PONG')));
    s.on('error', () => resolve(false));
  });
}

/**
 * A real clamd in the foreground with its own configuration and a one-signature database it
 * writes itself (no internet for freshclam here): an .ndb body signature matching the EICAR
 * string anywhere in a file. TCP on a free port on 127.0.0.1, and a Unix socket in the same
 * temporary directory when `socket` is asked for. Stopped (and its directory removed) by
 * `stop()`; `port` starts it again on the port of one stopped before.
 */
export async function startClamd(
  options: { socket?: boolean; port?: number } = {},
): Promise<TestClamd> {
  const dir = await mkdtemp(join(tmpdir(), 'witness-clamd-'));
  // A given port: clamd started again where the api already looks for it (back after an outage).
  const port = options.port ?? (await freePort());
  const socket = options.socket ? join(dir, 'clamd.sock') : undefined;
  const hex = Buffer.from(EICAR, 'latin1').toString('hex');
  await writeFile(join(dir, 'witness-test.ndb'), `Witness.Test.EICAR:0:*:${hex}\n`);
  const conf = [
    'Foreground yes',
    `DatabaseDirectory ${dir}`,
    `TCPSocket ${port}`,
    'TCPAddr 127.0.0.1',
    ...(socket ? [`LocalSocket ${socket}`] : []),
    `LogFile ${join(dir, 'clamd.log')}`,
    'LogTime yes',
    // Uploads in the tests stay well below this.
    'StreamMaxLength 40M',
    'MaxThreads 4',
  ].join('\n');
  await writeFile(join(dir, 'clamd.conf'), `${conf}\n`);

  const child: ChildProcess = spawn(CLAMD_BIN, ['-c', join(dir, 'clamd.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  // Poll the real state (clamd answering PING) until it is up, or give up after 60 s.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const log = await readFile(join(dir, 'clamd.log'), 'utf8').catch(() => '');
      throw new Error(`clamd exited at start:\n${stderr}\n${log}`);
    }
    const up =
      (await pong({ host: '127.0.0.1', port })) && (!socket || (await pong({ path: socket })));
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clamd did not come up within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    host: '127.0.0.1',
    port,
    socket,
    env: socket
      ? { CLAMAV_SOCKET: socket, CLAMAV_TIMEOUT_MS: '20000' }
      : { CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(port), CLAMAV_TIMEOUT_MS: '20000' },
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(killer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
