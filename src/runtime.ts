import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication, Logger } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApiApp, DOCS_PATH } from './app.factory';
import { AppConfig } from './config/config.schema';
import { Database } from './database/database';
import { openDatabase } from './database/data-source';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { resolveTemporalCli } from './embedded/temporal-cli';
import { startTemporalDevServer } from './embedded/temporal-dev-server';
import { temporalConnectionOptions } from './temporal/connection-options';
import { ensureSearchAttributes } from './temporal/ensure-search-attributes';
import { createNotifier, createRecertWorker } from './temporal/worker';

export type Mode = 'start' | 'api' | 'worker';

type Stop = () => Promise<unknown>;

/** Runs the chosen processes and returns a function that stops them all, newest first. */
export async function run(mode: Mode, config: AppConfig): Promise<Stop> {
  const log = new Logger('recert');
  const stops: Stop[] = [];
  const stopAll: Stop = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        log.error(`while stopping: ${(err as Error).message}`);
      }
    }
  };
  try {
    let databaseUrl = config.database.url;
    let temporalAddress = config.temporal.address;
    if (mode !== 'start') {
      const missing = [!databaseUrl && 'DATABASE_URL', !temporalAddress && 'TEMPORAL_ADDRESS'].filter(
        Boolean,
      );
      if (missing.length)
        throw new Error(`\`${mode}\` runs against existing services: set ${missing.join(' and ')}`);
    }
    let temporalUi: string | undefined;
    if (!databaseUrl) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      log.log(`Starting embedded PostgreSQL (data in ${path.join(config.dataDir, 'postgres')})…`);
      const pg = await startEmbeddedPostgres(
        path.join(config.dataDir, 'postgres'),
        config.database.embeddedPort,
      );
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    if (!temporalAddress) {
      const cli = resolveTemporalCli(config.temporal.cliPath, (m) => log.log(m));
      if (!cli)
        throw new Error('No Temporal CLI: set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go.');
      log.log(`Starting the Temporal dev server (${cli})…`);
      const server = await startTemporalDevServer({
        cliPath: cli,
        port: config.temporal.devPort,
        uiPort: config.temporal.uiPort,
        dbFile: path.join(config.dataDir, 'temporal.sqlite'),
        namespaces: [config.temporal.namespace],
        logFile: path.join(config.dataDir, 'temporal.log'),
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }

    const dataSource: DataSource = await openDatabase(databaseUrl);
    stops.push(() => dataSource.destroy());
    const db = new Database(dataSource);
    const connectionOptions = temporalConnectionOptions(config.temporal, temporalAddress);

    const connection = await Connection.connect(connectionOptions);
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: config.temporal.namespace });

    if (mode !== 'api') {
      const nativeConnection = await NativeConnection.connect(connectionOptions);
      stops.push(() => nativeConnection.close());
      const mail = createNotifier(config, db);
      stops.push(async () => mail.close());
      const worker: Worker = await createRecertWorker({
        connection: nativeConnection,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        db,
        client: temporal,
        notifier: mail.notifier,
        config,
      });
      const running = worker.run();
      stops.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      });
      log.log(`Worker polling task queue "${config.temporal.taskQueue}"`);
    }

    if (mode !== 'worker') {
      const warning = await ensureSearchAttributes(connection, config.temporal.namespace);
      if (warning) log.warn(warning);
      const app: INestApplication = await createApiApp({ config, db, temporal });
      await app.listen(config.port);
      stops.push(() => app.close());
      const base = `http://localhost:${config.port}`;
      const lines = [
        '',
        `Recert is running.`,
        `  API:          ${base}/api/v1`,
        `  OpenAPI docs: ${base}/${DOCS_PATH}`,
        `  Health:       ${base}/health`,
        ...(temporalUi ? [`  Temporal UI:  ${temporalUi}`] : [`  Temporal:     ${temporalAddress}`]),
        `  Get a token:  npm run token -- --sub <identityKey> --role admin|reviewer|auditor`,
        `  Stop:         Ctrl-C`,
        '',
      ];
      console.log(lines.join('\n'));
    }
    return stopAll;
  } catch (err) {
    await stopAll();
    throw err;
  }
}
