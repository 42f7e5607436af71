import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { validateEnv } from './env';

/**
 * Validated configuration for both apps; inject `ConfigService<Env, true>`. `forRoot()` reads
 * process.env when called (when the app module is loaded), not when this file is imported.
 */
@Module({})
export class PlatformConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: PlatformConfigModule,
      global: true,
      imports: [
        NestConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          cache: true,
          validate: validateEnv,
        }),
      ],
    };
  }
}
