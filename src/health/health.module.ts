import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.schema';
import { Metrics, METRICS } from '../metrics/metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsListener } from '../metrics/metrics-listener';
import { HealthController } from './health.controller';

/**
 * Readiness (`/health`, public) and Prometheus metrics: `/metrics` on the public port, or on a listener
 * of their own, or nowhere, as `AppConfig.metrics` says.
 */
@Module({})
export class HealthModule {
  static forRoot(metrics: Metrics, config: AppConfig['metrics']): DynamicModule {
    return {
      module: HealthModule,
      controllers: config.public ? [HealthController, MetricsController] : [HealthController],
      providers: [{ provide: METRICS, useValue: metrics }, MetricsListener],
    };
  }
}
