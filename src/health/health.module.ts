import { DynamicModule, Module } from '@nestjs/common';
import { Metrics, METRICS } from '../metrics/metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { HealthController } from './health.controller';

/** Readiness (`/health`) and Prometheus metrics (`/metrics`), both public. */
@Module({})
export class HealthModule {
  static forRoot(metrics: Metrics): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: METRICS, useValue: metrics }],
    };
  }
}
