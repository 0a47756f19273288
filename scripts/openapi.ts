import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { openApiDocument } from '../src/app.factory';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/config.schema';
import { Database } from '../src/database/database';
import { createMetrics } from '../src/metrics/metrics';

// Writes the API's OpenAPI document (the routes' decorators; nothing is connected or served), from which
// `npm run api:types` generates the web app's typed client:
//   node dist/scripts/openapi.js <file.json>
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: node dist/scripts/openapi.js <file.json>');
  const config = loadConfig({ NODE_ENV: 'development' });
  const app = await NestFactory.create(
    AppModule.forRoot({
      config,
      db: new Database(new DataSource({ type: 'postgres' })),
      temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
      metrics: createMetrics(),
    }),
    { logger: false },
  );
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
