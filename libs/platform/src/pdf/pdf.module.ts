import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PdfRenderer } from './pdf-renderer';

/**
 * Provides one `PdfRenderer` (one Chromium) everywhere. `CHROMIUM_PATH` is read through
 * ConfigService when the app has one (falling back to process.env, then /usr/bin/chromium);
 * the browser starts on the first render, not at boot, and closes at application shutdown.
 */
@Global()
@Module({
  providers: [
    {
      provide: PdfRenderer,
      inject: [{ token: ConfigService, optional: true }],
      useFactory: (config?: ConfigService<Record<string, unknown>>) =>
        new PdfRenderer({ executablePath: config?.get<string>('CHROMIUM_PATH') || undefined }),
    },
  ],
  exports: [PdfRenderer],
})
export class PdfModule {}
