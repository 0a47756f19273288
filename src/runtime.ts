import * as path from 'node:path';
import { INestApplication, Logger } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApiApp, DOCS_PATH } from './app.factory';
import type { Logger as PinoLogger } from 'pino';
import { AppConfig } from './config/config.schema';
import { Database } from './database/database';
import { openDatabase } from './database/data-source';
import { loadDemoAtStart } from './demo/demo-at-start';
import { describeError } from './embedded/describe-error';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { resolveTemporalCli } from './embedded/temporal-cli';
import {
  ensurePortsFree,
  ensureWritableDataDir,
  notConnected,
  onPorts,
  reaching,
  type PortUse,
} from './embedded/start-failure';
import { Supervision } from './embedded/supervisor';
import { startTemporalDevServer } from './embedded/temporal-dev-server';
import { clientConnectionOptions, temporalConnectionOptions } from './temporal/connection-options';
import { ensureSearchAttributes } from './temporal/ensure-search-attributes';
import { startWorker } from './temporal/worker.module';

export type Mode = 'start' | 'api' | 'worker';

type Stop = () => Promise<unknown>;

/**
 * How long each part may take to stop. A part whose server is down can wait forever (the worker for polls
 * that never end, a client for retries), and shutdown must not; main.ts also bounds the whole.
 */
const STOP_BOUND_MS = { api: 3_000, worker: 5_000, connection: 2_000, embedded: 8_000 };

/** Where the start banner says metrics are, if they are served at all. */
function metricsLine(metrics: AppConfig['metrics'], base: string): string[] {
  const token = metrics.token === null ? '' : ' (bearer METRICS_TOKEN)';
  if (metrics.port !== null) return [`  Metrics:      http://localhost:${metrics.port}/metrics${token}`];
  return metrics.public ? [`  Metrics:      ${base}/metrics${token}`] : [];
}

/**
 * Runs the chosen processes and returns a function that stops them all, newest first. `fatal` is called
 * when an embedded service keeps dying: the process should then stop and exit non-zero.
 */
export async function run(
  mode: Mode,
  config: AppConfig,
  logger: PinoLogger,
  fatal: (message: string) => void,
): Promise<Stop> {
  const log = new Logger('recert');
  const stops: { name: string; boundMs: number; stop: Stop }[] = [];
  const onStop = (name: string, boundMs: number, stop: Stop) => stops.push({ name, boundMs, stop });
  const stopAll: Stop = async () => {
    for (const { name, boundMs, stop } of stops.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs)));
      try {
        if ((await Promise.race([stop(), late])) === 'late') {
          log.warn(`${name} did not stop within ${boundMs / 1000} s; going on`);
        }
      } catch (err) {
        log.error(`while stopping ${name}: ${describeError(err)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  };
  const supervision = (child: string): Supervision => ({
    pidFile: path.join(config.dataDir, `${child}.pid`),
    log: (message) => log.warn(message),
    giveUp: fatal,
  });
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
    // What cannot work is said before anything slow starts.
    if (!databaseUrl || !temporalAddress || config.oidc.embedded) ensureWritableDataDir(config.dataDir);
    const apiPorts: PortUse[] = [
      { port: config.port, variable: 'PORT', what: "Recert's web app and API" },
      ...(config.metrics.port === null
        ? []
        : [{ port: config.metrics.port, variable: 'METRICS_PORT', what: "Recert's metrics" }]),
    ];
    if (mode !== 'worker') await ensurePortsFree(apiPorts);
    let temporalUi: string | undefined;
    if (!databaseUrl) {
      log.log(`Starting embedded PostgreSQL (data in ${path.join(config.dataDir, 'postgres')})…`);
      const pgPort = {
        port: config.database.embeddedPort,
        variable: 'EMBEDDED_PG_PORT',
        what: 'the embedded PostgreSQL',
      };
      const pg = await onPorts([pgPort], () =>
        startEmbeddedPostgres(
          path.join(config.dataDir, 'postgres'),
          config.database.embeddedPort,
          'recert',
          supervision('postgres'),
        ),
      );
      onStop('embedded PostgreSQL', STOP_BOUND_MS.embedded, () => pg.stop());
      databaseUrl = pg.url;
    }
    if (!temporalAddress) {
      const cli = await resolveTemporalCli({
        explicit: config.temporal.cliPath,
        baseUrl: config.temporal.cliBaseUrl,
        log: (m) => log.log(m),
      });
      log.log(`Starting the Temporal dev server (${cli})…`);
      const temporalPorts = [
        {
          port: config.temporal.devPort,
          variable: 'TEMPORAL_DEV_PORT',
          what: 'the embedded Temporal dev server',
        },
        {
          port: config.temporal.uiPort,
          variable: 'TEMPORAL_UI_PORT',
          what: "the embedded Temporal's web UI",
        },
      ];
      const server = await onPorts(temporalPorts, () =>
        startTemporalDevServer({
          cliPath: cli,
          port: config.temporal.devPort,
          uiPort: config.temporal.uiPort,
          dbFile: path.join(config.dataDir, 'temporal.sqlite'),
          namespaces: [config.temporal.namespace],
          logFile: path.join(config.dataDir, 'temporal.log'),
          supervision: supervision('temporal'),
        }),
      );
      onStop('Temporal dev server', STOP_BOUND_MS.embedded, () => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }

    const external = { pg: Boolean(config.database.url), temporal: Boolean(config.temporal.address) };
    const dataSource: DataSource = await (external.pg
      ? reaching(
          { what: 'PostgreSQL at DATABASE_URL', variable: 'DATABASE_URL' },
          () => openDatabase(databaseUrl),
          notConnected,
        )
      : openDatabase(databaseUrl));
    onStop('database pool', STOP_BOUND_MS.connection, () => dataSource.destroy());
    const db = new Database(dataSource);
    const connectionOptions = temporalConnectionOptions(config.temporal, temporalAddress);

    const connect = () => Connection.connect(clientConnectionOptions(config.temporal, temporalAddress));
    const connection = await (external.temporal
      ? reaching(
          { what: `Temporal at TEMPORAL_ADDRESS ${temporalAddress}`, variable: 'TEMPORAL_ADDRESS' },
          connect,
        )
      : connect());
    onStop('Temporal client', STOP_BOUND_MS.connection, () => connection.close());
    const temporal = new Client({ connection, namespace: config.temporal.namespace });

    if (mode !== 'api') {
      const nativeConnection = await NativeConnection.connect(connectionOptions);
      const worker = await startWorker({ config, db, temporal, connection: nativeConnection }, logger).catch(
        async (err: unknown) => {
          // A worker that failed half-way may still hold the connection; the process exits either way.
          await nativeConnection.close().catch(() => undefined);
          throw err;
        },
      );
      // One step, in this order: the SDK refuses to close a connection a worker still holds. A worker late
      // to drain (its server slow to answer) keeps it until it lets go, or until the process exits.
      onStop('worker', STOP_BOUND_MS.worker, async () => {
        await worker.close();
        await nativeConnection.close();
      });
      log.log(`Worker polling task queue "${config.temporal.taskQueue}"`);
    }

    if (mode !== 'worker') {
      const warning = await ensureSearchAttributes(connection, config.temporal.namespace);
      if (warning) log.warn(warning);
      const app: INestApplication = await createApiApp({ config, db, temporal }, logger);
      await onPorts(apiPorts, () => app.listen(config.port));
      onStop('API', STOP_BOUND_MS.api, () => app.close());
      if (config.demo.atStart) await loadDemoAtStart(app);
      const base = `http://localhost:${config.port}`;
      // Tests and scripts wait for this line; the banner below is for people, its first line what to do.
      log.log('Recert is running.');
      const lines = [
        '',
        `Open ${base}`,
        `  API docs:     ${base}/${DOCS_PATH}`,
        ...(temporalUi ? [`  Temporal UI:  ${temporalUi}`] : [`  Temporal:     ${temporalAddress}`]),
        `  API:          ${base}/api/v1 (a token: npm run token -- --sub <identityKey> [--role admin|auditor])`,
        `  Health:       ${base}/health`,
        ...metricsLine(config.metrics, base),
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
