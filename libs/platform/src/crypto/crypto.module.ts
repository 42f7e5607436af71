import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { DEVELOPMENT_KEYRING, FieldCipher, KeyringError, parseKeyring } from './field-cipher';

/** Provides the FieldCipher built from `WITNESS_ENCRYPTION_KEYS` (validated at boot). */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => {
        const keys = parseKeyring(
          config.get('WITNESS_ENCRYPTION_KEYS', { infer: true }) ?? DEVELOPMENT_KEYRING,
        );
        // The development key is public: in production it would be no encryption at all.
        const publicKey = parseKeyring(DEVELOPMENT_KEYRING)[0].key;
        if (
          config.get('NODE_ENV', { infer: true }) === 'production' &&
          keys.some((k) => k.key.equals(publicKey))
        ) {
          throw new KeyringError(
            'WITNESS_ENCRYPTION_KEYS holds the public development key: not in production',
          );
        }
        return new FieldCipher(keys);
      },
    },
  ],
  exports: [FieldCipher],
})
export class CryptoModule {}
