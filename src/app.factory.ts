import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { AppDeps, AppModule } from './app.module';
import { authenticateFirst } from './auth/authenticate.middleware';
import { Authenticator } from './auth/authenticator';
import { SessionsService } from './auth/sessions.service';
import {
  answerClientErrorsAsProblems,
  checkStorableInput,
  checkStoredHeaders,
  limitInFlight,
  StorableParamsPipe,
  lingerAfterRefusal,
} from './common/request-edge';
import { sharedSchemas } from './common/openapi';
import { assignRequestId, enterRequestContext } from './common/request-context';
import { EMBEDDED } from './config/oidc.config';
import { embeddedProvider } from './dev-oidc/embedded';
import { LEDGER_IMPORTS_PATH } from './ledger/ledger.controller';
import { OFFLINE_REVIEW_PATH } from './reviews/offline-review.controller';
import { NestPinoLogger, requestLogging } from './logging/logging';
import { createMetrics } from './metrics/metrics';
import { webApp } from './web-app';

export const DOCS_PATH = 'api/docs';
/** How long the rest of a refused upload is read and dropped before its connection closes. */
const REFUSED_BODY_LINGER_MS = 10_000;

/**
 * Builds the HTTP API; `listen` is left to the caller so tests can use an ephemeral port. With a logger,
 * every request is logged (one line at its end, with its request id) and Nest logs through it too.
 */
export async function createApiApp(
  deps: Omit<AppDeps, 'metrics'>,
  logger?: PinoLogger,
): Promise<INestApplication> {
  const metrics = createMetrics();
  const embedded = deps.config.oidc.embedded ? await embeddedProvider(deps.config, deps.db) : undefined;
  const config = embedded?.config ?? deps.config;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ ...deps, config, metrics }),
    {
      logger: logger ? new NestPinoLogger(logger) : ['error'],
      bodyParser: false,
    },
  );
  answerClientErrorsAsProblems(app.getHttpServer() as Server);
  app.use(metrics.middleware);
  app.use(checkStoredHeaders);
  app.use(assignRequestId);
  if (logger) app.use(requestLogging(logger));
  // The development provider is a separate issuer that happens to share the port; Recert reaches it by
  // discovery over HTTP like any other.
  if (embedded) app.use(EMBEDDED.path, embedded.handler);
  const browserApp = webApp();
  if (browserApp) app.use(browserApp);
  // Both routes stream files that may be refused part-way, by the caller's role as by their content.
  app.use([LEDGER_IMPORTS_PATH, OFFLINE_REVIEW_PATH], lingerAfterRefusal(REFUSED_BODY_LINGER_MS));
  // Before any body is read: the caller must be known, and bodies are only as large as the route needs.
  app.use(authenticateFirst(app.get(Authenticator), app.get(SessionsService), config));
  const { limits } = config;
  // Ledger imports carry hundreds of thousands of rows in one document; few at a time.
  app.use(LEDGER_IMPORTS_PATH, limitInFlight(limits.importsInFlight, 'ledger imports'));
  app.use(LEDGER_IMPORTS_PATH, json({ limit: limits.importBody }));
  app.useBodyParser('json', { limit: limits.body });
  // Policies import seed 002's XML form.
  app.useBodyParser('text', { type: ['application/xml', 'text/xml'], limit: limits.body });
  app.use(checkStorableInput);
  app.use(enterRequestContext);
  app.useGlobalPipes(new StorableParamsPipe());
  SwaggerModule.setup(DOCS_PATH, app, openApiDocument(app), { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
  return app;
}

/** The API's OpenAPI document, read from the controllers' decorators (the web app's client is generated from it). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recert API')
      .setDescription('Access certification campaigns. Errors are RFC 9457 application/problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...sharedSchemas },
  };
  return document;
}
