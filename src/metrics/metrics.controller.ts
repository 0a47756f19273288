import { Header, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Endpoint, Resource } from '../common/endpoint';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Metrics, METRICS, METRICS_CONTENT_TYPE } from './metrics';
import { scrapeRefusal } from './metrics-access';

/** On the public port only when the configuration says so (see AppConfig.metrics). */
@Resource('', { tag: 'health', public: true })
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Prometheus exposition format. */
  @Endpoint('GET', 'metrics')
  @Header('content-type', METRICS_CONTENT_TYPE)
  scrape(@Req() req: Request): Promise<string> {
    const refusal = scrapeRefusal(req.headers.authorization, this.config.metrics.token);
    if (refusal) throw refusal;
    return this.metrics.registry.metrics();
  }
}
