import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { DEVELOPMENT_KEYRING, FieldCipher, parseKeyring } from './field-cipher';

/** Provides the FieldCipher built from `WITNESS_ENCRYPTION_KEYS` (validated at boot). */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        new FieldCipher(
          parseKeyring(
            config.get('WITNESS_ENCRYPTION_KEYS', { infer: true }) ?? DEVELOPMENT_KEYRING,
          ),
        ),
    },
  ],
  exports: [FieldCipher],
})
export class CryptoModule {}
