import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { ClamdVirusScanner, DisabledVirusScanner, VirusScanner } from './virus-scanner';

/** The VirusScanner from CLAMAV_HOST/CLAMAV_PORT or CLAMAV_SOCKET; scanning is off when unset. */
@Global()
@Module({
  providers: [
    {
      provide: VirusScanner,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>): VirusScanner => {
        const host = config.get('CLAMAV_HOST', { infer: true });
        const socket = config.get('CLAMAV_SOCKET', { infer: true });
        const timeout = config.get('CLAMAV_TIMEOUT_MS', { infer: true });
        if (socket) return new ClamdVirusScanner({ socket }, timeout);
        if (host)
          return new ClamdVirusScanner(
            { host, port: config.get('CLAMAV_PORT', { infer: true }) },
            timeout,
          );
        new Logger('clamav').warn(
          'CLAMAV_HOST / CLAMAV_SOCKET unset: uploaded documents are not scanned for malware',
        );
        return new DisabledVirusScanner();
      },
    },
  ],
  exports: [VirusScanner],
})
export class ScanModule {}
