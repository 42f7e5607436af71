import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { BlobStore } from './blob-store';
import { EncryptedStorage } from './encrypted-storage';
import { FsBlobStore } from './fs-blob-store';
import type { S3BlobStore } from './s3-blob-store';

/**
 * The configured BlobStore (STORAGE_DRIVER) and the EncryptedStorage over it. The S3 driver,
 * and with it the AWS SDK (megabytes of code, a slower start), is loaded only when chosen.
 */
export function blobStoreFromEnv(env: Env): BlobStore {
  if (env.STORAGE_DRIVER === 's3') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { S3BlobStore } = require('./s3-blob-store') as typeof import('./s3-blob-store');
    return new S3BlobStore({
      bucket: env.S3_BUCKET as string,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
  }
  return new FsBlobStore(env.STORAGE_DIR);
}

@Global()
@Module({
  providers: [
    {
      provide: BlobStore,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        blobStoreFromEnv({
          STORAGE_DRIVER: config.get('STORAGE_DRIVER', { infer: true }),
          STORAGE_DIR: config.get('STORAGE_DIR', { infer: true }),
          S3_BUCKET: config.get('S3_BUCKET', { infer: true }),
          S3_REGION: config.get('S3_REGION', { infer: true }),
          S3_ENDPOINT: config.get('S3_ENDPOINT', { infer: true }),
          S3_FORCE_PATH_STYLE: config.get('S3_FORCE_PATH_STYLE', { infer: true }),
          S3_ACCESS_KEY_ID: config.get('S3_ACCESS_KEY_ID', { infer: true }),
          S3_SECRET_ACCESS_KEY: config.get('S3_SECRET_ACCESS_KEY', { infer: true }),
        } as Env),
    },
    EncryptedStorage,
  ],
  exports: [BlobStore, EncryptedStorage],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(private readonly store: BlobStore) {}

  onApplicationShutdown(): void {
    if (this.store.driver === 's3') (this.store as S3BlobStore).close();
  }
}
