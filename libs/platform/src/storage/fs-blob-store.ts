import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, BlobNotFoundError, BlobStore } from './blob-store';

/**
 * Blobs as files under one directory (`<root>/<key>`), created 0600 in directories 0700.
 * A blob is written to a temporary name, flushed to disk and renamed into place, so a reader
 * never sees half a file and a crash leaves at most a `.tmp` file behind.
 */
export class FsBlobStore extends BlobStore {
  readonly driver = 'fs' as const;
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** The file a key is stored in (tests read it to prove it is not the upload). */
  pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable, length: number): Promise<void> {
    const path = this.pathOf(key);
    const dir = dirname(path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const file = await open(tmp, 'wx', 0o600);
      await pipeline(body, file.createWriteStream({ flush: true }));
      const written = (await stat(tmp)).size;
      if (written !== length) throw new Error(`wrote ${written} bytes of ${length} for ${key}`);
      await rename(tmp, path);
      // The rename itself must survive a crash: flush the directory entry too.
      const d = await open(dir, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened first, so a missing blob is an error here rather than on the stream later.
    const file = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new BlobNotFoundError(key) : err;
    });
    return file.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return [];
          throw err;
        },
      );
      for (const e of entries) {
        if (e.isDirectory()) await walk(join(dir, e.name), `${keyPrefix}${e.name}/`);
        // A `.tmp` file is a write in progress (or one a crash left): not a blob.
        else if (e.isFile() && !e.name.endsWith('.tmp')) keys.push(`${keyPrefix}${e.name}`);
      }
    };
    const folder = prefix.replace(/\/+$/, '');
    assertBlobKey(folder);
    await walk(join(this.root, ...folder.split('/')), `${folder}/`);
    return keys;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
