import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/embedded/embedded-postgres';
import { freePort } from '../../src/embedded/free-port';
import { resolveTemporalCli } from '../../src/embedded/temporal-cli';
import { FakeServiceNow } from '../../test/support/fake-servicenow';
import { SmtpSink } from '../../test/support/smtp-sink';
import { TcpProxy } from '../../test/support/tcp-proxy';
import { recertOidcEnv, startTestIssuer, type TestIssuer } from '../../test/support/test-issuer';
import { RoundRobinProxy } from './round-robin-proxy';
import { StackProcess } from './stack-process';
import { temporalPorts, writeTemporalConfig } from './temporal-config';
import { resolveTemporalServer, type TemporalServerTools } from './temporal-server';

const run = promisify(execFile);
const MAIN = path.join(__dirname, '..', '..', 'src', 'main.js');
const PG_USER = { user: 'postgres', password: 'postgres' };
export const NAMESPACE = 'default';
export const ITSM_CODE = 'snow';

export interface ProdStackOptions {
  /** Everything the stack keeps (both PostgreSQL clusters, logs, the issuer's keys) lives here. */
  dir: string;
  /** The load balancer's port (0: any free one). */
  port?: number;
  /** The Temporal frontend's port (0: any free one). */
  temporalPort?: number;
  apis?: number;
  workers?: number;
  /** Added to every API and worker process's environment. */
  env?: Record<string, string>;
  log?: (message: string) => void;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function databaseExists(port: number, name: string): Promise<boolean> {
  const client = new PgClient({ host: '127.0.0.1', port, database: 'postgres', ...PG_USER });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/**
 * What the compose file's admin-tools step does: temporal-sql-tool creates both databases once, sets a
 * fresh one to the base version and upgrades it to the module's schema (a no-op when it is current).
 */
async function setUpTemporalSchema(tools: TemporalServerTools, port: number): Promise<void> {
  const base = [
    '--plugin',
    'postgres12',
    '--ep',
    '127.0.0.1',
    '-p',
    String(port),
    '-u',
    PG_USER.user,
    '--pw',
    PG_USER.password,
  ];
  for (const [db, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    if (!(await databaseExists(port, db))) {
      await run(tools.sqlTool, [...base, '--db', db, 'create-database']);
      await run(tools.sqlTool, [...base, '--db', db, 'setup-schema', '-v', '0.0']);
    }
    await run(tools.sqlTool, [
      ...base,
      '--db',
      db,
      'update-schema',
      '-d',
      path.join(tools.schemaDir, folder, 'versioned'),
    ]);
  }
}

export interface ProdStack {
  /** The load balancer in front of the API processes. */
  url: string;
  apiUrls: string[];
  temporalAddress: string;
  databaseUrl: string;
  issuer: string;
  apis: StackProcess[];
  workers: StackProcess[];
  temporal: StackProcess;
  smtp: SmtpSink;
  itsm: FakeServiceNow;
  /** Stops and starts Recert's PostgreSQL cluster (a fast shutdown: every connection is cut). */
  restartRecertPostgres(): Promise<void>;
  /** Stops the Temporal server (SIGTERM) and starts it again on the same persistence. */
  restartTemporal(): Promise<void>;
  /** Cuts the SMTP sink off (connections reset, new ones refused) and brings it back on the same port. */
  smtpDown(): Promise<void>;
  smtpUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The production topology without Docker: a Temporal server (not the dev server) on its own PostgreSQL,
 * Recert's database on a second cluster the stack owns, API processes behind a round-robin balancer,
 * worker processes, an SMTP sink and a ServiceNow-compatible ITSM. Every process is restarted when it
 * dies, as a process manager would.
 */
export async function startProdStack(options: ProdStackOptions): Promise<ProdStack> {
  const log = options.log ?? ((m: string) => console.log(m));
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} missing: run npm run build first`);
  const dir = path.resolve(options.dir);
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e: unknown) => log(`while stopping: ${String(e)}`));
  };
  try {
    const tools = resolveTemporalServer(log);
    const cli = await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH, log });

    const temporalPgPort = await freePort();
    log(`PostgreSQL for Temporal (data in ${dir}/temporal-pg, port ${temporalPgPort})…`);
    const temporalPg = await startEmbeddedPostgres(path.join(dir, 'temporal-pg'), temporalPgPort, 'postgres');
    stops.push(() => temporalPg.stop());
    await setUpTemporalSchema(tools, temporalPgPort);

    const recertPgPort = await freePort();
    log(`PostgreSQL for Recert (data in ${dir}/recert-pg, port ${recertPgPort})…`);
    let recertPg: EmbeddedDatabase = await startEmbeddedPostgres(
      path.join(dir, 'recert-pg'),
      recertPgPort,
      'recert',
    );
    stops.push(() => recertPg.stop());

    const ports = await temporalPorts(options.temporalPort || undefined);
    writeTemporalConfig(
      path.join(dir, 'temporal'),
      { host: '127.0.0.1', port: temporalPgPort, ...PG_USER },
      ports,
    );
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    const temporal = new StackProcess({
      name: 'temporal',
      command: tools.server,
      args: ['--root', dir, '--config', 'temporal', '--env', 'recert', '--allow-no-auth', 'start'],
      env: { PATH: process.env.PATH },
      logFile: path.join(logs, 'temporal.log'),
      ready: async () => {
        if (!(await accepts(ports.frontend))) return false;
        return run(cli, ['operator', 'cluster', 'health', '--address', temporalAddress]).then(
          () => true,
          () => false,
        );
      },
    });
    log(`Temporal server ${path.basename(path.dirname(tools.server))} on ${temporalAddress}…`);
    await temporal.start();
    stops.push(() => temporal.stop(15_000));
    const ns = ['--namespace', NAMESPACE, '--address', temporalAddress];
    await run(cli, ['operator', 'namespace', 'describe', ...ns]).catch(() =>
      run(cli, ['operator', 'namespace', 'create', ...ns, '--retention', '30d']),
    );

    const smtp = new SmtpSink(0, true);
    const smtpPort = await smtp.listen();
    stops.push(() => smtp.close());
    // The processes reach the sink through a relay that an outage cuts: every connection, pooled ones
    // included, is reset and new ones are refused, as when a mail server goes down.
    const smtpRelay = new TcpProxy('127.0.0.1', smtpPort);
    await smtpRelay.open();
    stops.push(() => smtpRelay.cut());
    const itsm = new FakeServiceNow();
    await itsm.listen();
    stops.push(() => itsm.close());

    const apiPorts = await Promise.all(Array.from({ length: options.apis ?? 2 }, () => freePort()));
    // Bound now, not once the APIs answer: a port only looked up stays free for anyone's outgoing
    // connection meanwhile (CI lost one to that). Until the APIs listen, it refuses like a dead backend.
    const balancer = new RoundRobinProxy(apiPorts);
    const balancerPort = await balancer.listen(options.port ?? 0);
    stops.push(() => balancer.close());
    const url = `http://localhost:${balancerPort}`;
    const apiUrls = apiPorts.map((p) => `http://localhost:${p}`);
    const issuer: TestIssuer = await startTestIssuer({
      secretsFile: path.join(dir, 'issuer.json'),
      publicUrls: [url, ...apiUrls],
      env: { RECERT_DEV_ADMINS: 'root', RECERT_DEV_AUDITORS: 'aud' },
    });
    stops.push(() => issuer.stop());

    const appEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(dir, 'app-data'),
      DATABASE_URL: recertPg.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: NAMESPACE,
      ...recertOidcEnv(issuer.issuer),
      SMTP_URL: `smtp://127.0.0.1:${smtpRelay.port}`,
      PUBLIC_URL: url,
      RECERT_ITSM_INSTANCES: JSON.stringify([itsm.instance(ITSM_CODE)]),
      ...options.env,
      ...extra,
    });
    const workers = Array.from(
      { length: options.workers ?? 2 },
      (_, n) =>
        new StackProcess({
          name: `worker-${n + 1}`,
          command: process.execPath,
          args: [MAIN, 'worker'],
          env: appEnv({}),
          logFile: path.join(logs, `worker-${n + 1}.log`),
          ready: async (output) => output().includes('Worker polling'),
        }),
    );
    const apis = apiPorts.map(
      (port, n) =>
        new StackProcess({
          name: `api-${n + 1}`,
          command: process.execPath,
          args: [MAIN, 'api'],
          env: appEnv({ PORT: String(port) }),
          logFile: path.join(logs, `api-${n + 1}.log`),
          ready: () => answers(`http://127.0.0.1:${port}/health`),
        }),
    );
    // The first API applies the migrations; the others would wait on its lock anyway.
    log(`API processes on ${apiPorts.join(', ')}, workers ×${workers.length}…`);
    await apis[0].start();
    await Promise.all([...apis.slice(1), ...workers].map((p) => p.start()));
    stops.push(() => Promise.all([...apis, ...workers].map((p) => p.stop())));

    return {
      url,
      apiUrls,
      temporalAddress,
      databaseUrl: recertPg.url,
      issuer: issuer.issuer,
      apis,
      workers,
      temporal,
      smtp,
      itsm,
      async restartRecertPostgres() {
        await recertPg.stop();
        recertPg = await startEmbeddedPostgres(path.join(dir, 'recert-pg'), recertPgPort, 'recert');
      },
      async restartTemporal() {
        await temporal.stop(15_000);
        await temporal.start();
      },
      smtpDown: () => smtpRelay.cut(),
      smtpUp: () => smtpRelay.open(),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
