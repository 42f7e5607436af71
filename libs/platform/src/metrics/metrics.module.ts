import { DynamicModule, Module } from '@nestjs/common';
import { Metrics, METRICS_OPTIONS, type MetricsOptions } from './metrics';
import { MetricsServer } from './metrics-server';

/**
 * Prometheus metrics for one app (`Metrics`, injectable anywhere) and, when `METRICS_PORT`
 * is set, their own small HTTP server. Needs the config, clock, database and queue modules.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: METRICS_OPTIONS, useValue: options }, Metrics, MetricsServer],
      exports: [Metrics, MetricsServer],
    };
  }
}
