import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3BlobStore } from '@witness/platform/storage/s3-blob-store';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// s3rver ships no types; this is the part of it the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

export interface TestS3 {
  endpoint: string;
  bucket: string;
  port: number;
  /** STORAGE_* and S3_* variables that point the api at it. */
  env: Record<string, string>;
  /** A client of the bucket, to read what the api stored (raw, still encrypted). */
  raw: S3BlobStore;
  /** Every key in the bucket, sorted. */
  keys: () => Promise<string[]>;
  /** Stop answering (the port closes); `start()` brings it back with the same objects. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * An S3-compatible server (s3rver) on a free port of 127.0.0.1, keeping its objects in a
 * temporary directory, with one bucket. Path-style addressing, as for MinIO.
 */
export async function startS3(bucket = 'witness-documents'): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'witness-s3-'));
  const make = (port: number) =>
    new S3rver({
      port,
      address: '127.0.0.1',
      silent: true,
      directory: dir,
      configureBuckets: [{ name: bucket }],
    });
  let server = make(0);
  const { port } = await server.run();
  let running = true;
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const raw = new S3BlobStore({
    bucket,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    ...credentials,
  });
  const lister = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  const keys = async () => {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await lister.send(
        new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
      );
      out.push(...(page.Contents ?? []).map((o) => o.Key as string));
      token = page.NextContinuationToken;
    } while (token);
    return out.sort();
  };
  return {
    endpoint,
    bucket,
    port,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    raw,
    keys,
    stop: async () => {
      if (!running) return;
      running = false;
      await server.close();
    },
    start: async () => {
      if (running) return;
      server = make(port);
      await server.run();
      running = true;
    },
    close: async () => {
      raw.close();
      lister.destroy();
      if (running) await server.close();
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
