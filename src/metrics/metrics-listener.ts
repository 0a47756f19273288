import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainError, notFound } from '../common/domain-error';
import { PROBLEM_BASE } from '../common/problem.filter';
import { answerClientErrorsAsProblems } from '../common/request-edge';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { METRICS, METRICS_CONTENT_TYPE, Metrics } from './metrics';
import { scrapeRefusal } from './metrics-access';

/**
 * `GET /metrics` on METRICS_PORT, a port of its own for the scraper, kept off the load balancer. A bare
 * Node server: nothing of the API (sessions, bodies, the web app) is reachable through it.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metrics.port;
    if (port === null) return;
    const server = createServer((req, res) => {
      // Only the registry can fail here, and it says nothing worth showing.
      this.answer(req, res).catch(() => res.destroy());
    });
    answerClientErrorsAsProblems(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      return problem(res, notFound('Route', 'Only /metrics is served on this port.'), path);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return problem(
        res,
        new DomainError(405, 'method-not-allowed', 'Method not allowed', 'Metrics are read with GET.'),
        path,
      );
    }
    const refusal = scrapeRefusal(req.headers.authorization, this.config.metrics.token);
    if (refusal) return problem(res, refusal, path);
    const text = await this.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  }
}

function problem(res: ServerResponse, err: DomainError, instance: string): void {
  if ('challenge' in err && typeof err.challenge === 'string')
    res.setHeader('www-authenticate', err.challenge);
  res.writeHead(err.status, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: PROBLEM_BASE + err.code,
      title: err.title,
      status: err.status,
      detail: err.message,
      instance,
    }),
  );
}
