import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppDeps, AppModule } from './app.module';
import { createMetrics } from './metrics/metrics';

export const DOCS_PATH = 'api/docs';

/** Builds the HTTP API; `listen` is left to the caller so tests can use an ephemeral port. */
export async function createApiApp(deps: Omit<AppDeps, 'metrics'>, logger = true): Promise<INestApplication> {
  const metrics = createMetrics();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...deps, metrics }), {
    logger: logger ? ['log', 'warn', 'error'] : ['error'],
    bodyParser: false,
  });
  app.use(metrics.middleware);
  // Ledger imports carry hundreds of thousands of rows in one document.
  app.useBodyParser('json', { limit: '200mb' });
  // Policies import seed 002's XML form.
  app.useBodyParser('text', { type: ['application/xml', 'text/xml'], limit: '1mb' });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recert API')
      .setDescription('Access certification campaigns. Errors are RFC 9457 application/problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
  return app;
}
