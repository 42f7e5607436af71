import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { FieldCipher, parseKeyring } from '../crypto/field-cipher';
import { BlobNotFoundError } from './blob-store';
import { EncryptedStorage } from './encrypted-storage';
import { SealError } from './envelope';
import { FsBlobStore } from './fs-blob-store';

const keyring = (spec: string) => new FieldCipher(parseKeyring(spec));
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

describe('FsBlobStore and EncryptedStorage', () => {
  let dir: string;
  let store: FsBlobStore;
  let storage: EncryptedStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witness-blobs-'));
    store = new FsBlobStore(dir);
    storage = new EncryptedStorage(store, keyring(k1));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes, reads, says what exists and deletes, with private permissions', async () => {
    await store.put('documents/ab/one', Readable.from([Buffer.from('hello')]), 5);
    expect(await store.exists('documents/ab/one')).toBe(true);
    expect((await buffer(await store.get('documents/ab/one'))).toString()).toBe('hello');
    expect((await stat(join(dir, 'documents/ab/one'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'documents/ab'))).mode & 0o777).toBe(0o700);
    await store.delete('documents/ab/one');
    await store.delete('documents/ab/one');
    expect(await store.exists('documents/ab/one')).toBe(false);
    await expect(store.get('documents/ab/one')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await readdir(join(dir, 'documents/ab'))).toEqual([]);
  });

  it('refuses keys that could leave its directory', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'A', 'a//b', '', 'a/./b']) {
      await expect(store.put(key, Readable.from([]), 0)).rejects.toThrow(/not a valid blob key/);
    }
  });

  it('leaves no temporary file behind when a write fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('upstream broke'));
      },
    });
    await expect(store.put('documents/cd/two', failing, 10)).rejects.toThrow('upstream broke');
    expect(await readdir(join(dir, 'documents/cd'))).toEqual([]);
  });

  it('stores ciphertext only, reads it back, and fails before answering on tampering', async () => {
    const content = Buffer.from('Arrest warrant No. 17/2026 '.repeat(5000));
    const dk = storage.newDataKey(FieldCipher.context('document_versions', 'data_key', 'v1'));
    const size = await storage.put('documents/ef/v1', content, dk.key, 'v1:content');
    const onDisk = await readFile(join(dir, 'documents/ef/v1'));
    expect(onDisk.length).toBe(size);
    expect(onDisk.includes(Buffer.from('Arrest warrant'))).toBe(false);

    const key = storage.unwrap(
      dk.wrapped,
      FieldCipher.context('document_versions', 'data_key', 'v1'),
    );
    expect(
      (await buffer(await storage.open('documents/ef/v1', key, 'v1:content'))).equals(content),
    ).toBe(true);

    const tampered = Buffer.from(onDisk);
    tampered[40] ^= 0xff;
    await writeFile(join(dir, 'documents/ef/v1'), tampered);
    await expect(storage.open('documents/ef/v1', key, 'v1:content')).rejects.toBeInstanceOf(
      SealError,
    );

    // Damage past the first chunk: the stream errors instead of releasing unchecked bytes.
    const late = Buffer.from(onDisk);
    late[late.length - 100] ^= 0xff;
    await writeFile(join(dir, 'documents/ef/v1'), late);
    const stream = await storage.open('documents/ef/v1', key, 'v1:content');
    await expect(buffer(stream)).rejects.toBeInstanceOf(SealError);
  });

  it('wraps data keys with the keyring: readable after the key order rotates, not without the key', async () => {
    const ctx = FieldCipher.context('document_versions', 'data_key', 'v2');
    const dk = storage.newDataKey(ctx);
    expect(FieldCipher.keyIdOf(dk.wrapped)).toBe('k1');
    expect(new EncryptedStorage(store, keyring(`${k2},${k1}`)).unwrap(dk.wrapped, ctx)).toEqual(
      dk.key,
    );
    expect(() => new EncryptedStorage(store, keyring(k2)).unwrap(dk.wrapped, ctx)).toThrow();
    expect(() =>
      storage.unwrap(dk.wrapped, FieldCipher.context('document_versions', 'data_key', 'v3')),
    ).toThrow();
  });
});
