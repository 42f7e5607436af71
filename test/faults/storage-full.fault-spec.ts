import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { multipart, pdf } from '../support/files';
import { caseWithEscalation, createPeople, type Http } from './support/http';
import { startWorld, type World } from './support/world';

/**
 * The document store (STORAGE_DIR) turns read-only, then fills up, while a coordinator uploads.
 * Each upload is answered with a clear problem+json (503, "nothing was saved"), and leaves no
 * document or version row and no file behind; once the store is writable again, uploads work.
 * As root (who writes through chmod) the store is a tiny tmpfs, remounted read-only, then
 * filled; otherwise the directory is made read-only with chmod, and the full case is skipped.
 */

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** Every file under `dir`, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('the document store turns read-only, then full, during uploads', () => {
  let world: World;
  let coordinator: Http;
  let defenderId: string;
  const root = mkdtempSync(join(tmpdir(), 'witness-faults-store-'));
  const store = join(root, 'documents');
  let mounted = false;

  const upload = async (title: string, content: Buffer) => {
    const body = multipart({ title, kind: 'warrant' }, [{ name: 'warrant.pdf', content }]);
    const res = await fetch(`${world.api.baseUrl}/api/v1/defenders/${defenderId}/documents`, {
      method: 'POST',
      headers: { 'content-type': body.contentType, authorization: `Bearer ${coordinator.token}` },
      body: new Uint8Array(body.payload),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  };
  const rows = async () =>
    (
      await world.sql<{ documents: number; versions: number }>(
        `SELECT (SELECT count(*)::int FROM documents) AS documents,
                (SELECT count(*)::int FROM document_versions) AS versions`,
      )
    )[0];
  const refusedCleanly = async (title: string, content: Buffer) => {
    const before = { ...(await rows()), files: files(store) };
    const res = await upload(title, content);
    expect({ status: res.status, type: res.type }).toEqual({
      status: 503,
      type: expect.stringContaining('application/problem+json') as string,
    });
    const problem = JSON.parse(res.text) as { status: number; detail: string };
    expect(problem.status).toBe(503);
    expect(problem.detail).toMatch(/document store .*nothing was saved/);
    // No orphan: no row, and no file (not even a temporary one) in the store.
    expect({ ...(await rows()), files: files(store) }).toEqual(before);
  };

  beforeAll(async () => {
    mkdirSync(store);
    if (asRoot) {
      sh('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', store]);
      mounted = true;
    }
    world = await startWorld({ env: { STORAGE_DIR: store } });
    [coordinator] = (await createPeople(world.admin, 'coordinator', 1)).map((p) => p.http);
    ({ defenderId } = await caseWithEscalation(coordinator, 'Omar Farouk'));
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    if (mounted) spawnSync('umount', [store]);
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses an upload to a read-only store with 503 and leaves nothing behind', async () => {
    const ok = await upload('Before', pdf('Warrant before the fault'));
    expect(ok.status).toBe(201);
    if (asRoot) sh('mount', ['-o', 'remount,ro', store]);
    else chmodSync(store, 0o500);
    try {
      await refusedCleanly('Read-only', pdf('Warrant while read-only'));
    } finally {
      if (asRoot) sh('mount', ['-o', 'remount,rw', store]);
      else chmodSync(store, 0o700);
    }
    expect((await upload('After', pdf('Warrant after the fault'))).status).toBe(201);
  }, 60_000);

  (asRoot ? it : it.skip)(
    'refuses an upload to a full store with 503 and leaves nothing behind',
    async () => {
      // More than the tmpfs holds: the write fails part-way (ENOSPC).
      await refusedCleanly('Too big for the disk', pdf('W'.repeat(400_000)));
      expect((await upload('Small again', pdf('A small warrant'))).status).toBe(201);
    },
    60_000,
  );
});
