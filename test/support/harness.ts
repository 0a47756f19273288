import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../src/app.factory';
import { Role } from '../../src/auth/roles';
import type { CampaignView } from '../../src/campaigns/campaign.view';
import { AppConfig, loadConfig } from '../../src/config/config.schema';
import { Database } from '../../src/database/database';
import { openDatabase } from '../../src/database/data-source';
import { clientConnectionOptions } from '../../src/temporal/connection-options';
import { startWorker } from '../../src/temporal/worker.module';
import { createLogger } from '../../src/logging/logging';
import { clientCredentialsToken, devPersonToken, tokenCache } from '../../src/dev-oidc/scripted-sign-in';
import { createTestDatabase } from './test-database';
import { namespaceOf, readTestEnv } from './test-env';
import { CLI_CLIENT, recertOidcEnv, TEST_CLIENTS, TestClient } from './test-issuer';

let runtimeInstalled = false;

/**
 * The Recert under test logs nothing by default: expected failures would print stack traces among jest's
 * results, and a real failure shows in the test's own assertion. RECERT_TEST_LOG_LEVEL=debug shows it all.
 */
const TEST_LOG_LEVEL = process.env.RECERT_TEST_LOG_LEVEL ?? 'silent';

/**
 * One Recert per test file: its own database (migrated from scratch), its own task queue, the real
 * API (Nest, over supertest) and a real worker, against the PostgreSQL and Temporal of globalSetup.
 */
export class TestRecert {
  readonly taskQueue = `recert-test-${randomUUID().slice(0, 8)}`;
  readonly config: AppConfig;
  app!: INestApplication;
  db!: Database;
  dataSource!: DataSource;
  client!: Client;
  databaseUrl!: string;
  private connection!: Connection;
  private nativeConnection!: NativeConnection;
  private worker?: INestApplicationContext;
  private readonly env = readTestEnv();
  readonly namespace: string;
  readonly temporalAddress: string;

  /** The data folder this harness made (not one a test passed in), removed on close. */
  private readonly ownDataDir?: string;
  /** Nest's, the worker's and the requests' log, at TEST_LOG_LEVEL. */
  private readonly logger: Logger;

  constructor(env: Record<string, string> = {}) {
    if (!env.DATA_DIR) this.ownDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-test-data-'));
    this.namespace = env.TEMPORAL_NAMESPACE ?? namespaceOf(expect.getState().testPath ?? '');
    this.temporalAddress = env.TEMPORAL_ADDRESS ?? this.env.temporalAddress;
    this.config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: TEST_LOG_LEVEL,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: this.namespace,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      ...recertOidcEnv(this.env.issuer),
      ...(this.ownDataDir ? { DATA_DIR: this.ownDataDir } : {}),
      ...env,
    });
    this.logger = createLogger(this.config.logging);
  }

  static async start(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestRecert> {
    const recert = new TestRecert(options.env);
    await recert.boot(options.worker ?? true);
    return recert;
  }

  private async boot(withWorker: boolean): Promise<void> {
    if (!runtimeInstalled) {
      // Core's own lines (retries while a test cuts Temporal off) go to the quiet logger, not to stderr.
      Runtime.install({
        shutdownSignals: [],
        logger: quietLogger,
        telemetryOptions: { logging: { forward: {} } },
      });
      runtimeInstalled = true;
    }
    this.databaseUrl = (await createTestDatabase(this.env.adminDatabaseUrl)).url;
    this.dataSource = await openDatabase(this.databaseUrl);
    // TypeORM prints failed queries with console.log; tests provoke some (hostile input) on purpose.
    if (TEST_LOG_LEVEL === 'silent') this.dataSource.setOptions({ logging: [] });
    this.db = new Database(this.dataSource);
    // The API's client as in production: a few quick retries, then 503.
    this.connection = await Connection.connect(
      clientConnectionOptions(this.config.temporal, this.temporalAddress),
    );
    this.client = new Client({ connection: this.connection, namespace: this.namespace });
    this.nativeConnection = await NativeConnection.connect({ address: this.temporalAddress });
    if (withWorker) await this.startWorker();
    this.app = await createApiApp({ config: this.config, db: this.db, temporal: this.client }, this.logger);
    await this.app.init();
  }

  async startWorker(): Promise<void> {
    if (this.worker) throw new Error('a worker is already running');
    this.worker = await startWorker(
      {
        config: this.config,
        db: this.db,
        temporal: this.client,
        connection: this.nativeConnection,
        workflowBundle: { codePath: this.env.workflowBundlePath },
      },
      this.logger,
    );
  }

  async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  private readonly tokens = tokenCache();

  /**
   * A bearer token from the test issuer: client credentials for its machine clients (root is the
   * administrators' automation), else a person signed in through the code flow, admin and auditor
   * ticked as groups. Kept for the file: a token lives an hour.
   */
  token(sub: string, ...roles: Role[]): Promise<string> {
    const issuer = this.config.oidc.issuer;
    return this.tokens(`${sub}|${roles.join(',')}`, () =>
      sub in TEST_CLIENTS
        ? clientCredentialsToken(issuer, sub, TEST_CLIENTS[sub as TestClient].secret)
        : devPersonToken(issuer, CLI_CLIENT, {
            identity: sub,
            roles: roles.filter((r): r is 'admin' | 'auditor' => r === 'admin' || r === 'auditor'),
          }),
    );
  }

  http() {
    return request(this.app.getHttpServer());
  }

  as(sub: string, ...roles: Role[]) {
    const token = this.token(sub, ...roles);
    const server = this.app.getHttpServer();
    const authed = (build: () => request.Test) =>
      deferred(async () => ({ req: build().set('authorization', `Bearer ${await token}`) }));
    return {
      get: (url: string) => authed(() => request(server).get(url)),
      post: (url: string, body?: object) => authed(() => request(server).post(url)).send(body ?? {}),
      put: (url: string) => authed(() => request(server).put(url)),
      delete: (url: string) => authed(() => request(server).delete(url)),
    };
  }

  /** A body of `contentType` (not JSON) posted by an administrator, or by `sub` with `roles`. */
  upload(url: string, contentType: string, body: string | Buffer, sub = 'root', ...roles: Role[]) {
    return deferred(async () => ({
      req: this.http()
        .post(url)
        .set(
          'authorization',
          `Bearer ${await this.token(sub, ...(roles.length > 0 ? roles : ['admin' as Role]))}`,
        )
        .set('content-type', contentType)
        .send(body),
    }));
  }

  /** Seed 002's XML form of a policy, imported by an administrator. */
  importPolicyXml(xml: string) {
    return this.upload('/api/v1/policies/import', 'application/xml', xml);
  }

  /** The campaign as the API shows it, once it has reached `status`. */
  waitForCampaign(id: string, status: string): Promise<CampaignView> {
    return eventually(
      async () => {
        const c = (await this.as('root', 'admin').get(`/api/v1/campaigns/${id}`)).body as CampaignView;
        return c.status === status ? c : undefined;
      },
      30_000,
      `campaign ${id} to be ${status}`,
    );
  }

  async query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.db.run((sql) => sql.rows<T>(text, params));
  }

  /** The server processes of this test's database that are waiting for a lock now. */
  async lockWaiters(): Promise<number[]> {
    const rows = await this.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows.map((r) => r.pid);
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.stopWorker();
    await this.nativeConnection?.close();
    await this.connection?.close();
    await this.dataSource?.destroy();
    if (this.ownDataDir) fs.rmSync(this.ownDataDir, { recursive: true, force: true });
  }
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * A supertest request whose start waits for something (a token): calls such as `.set`, `.send` and
 * `.expect` are recorded and replayed on the request once it exists, and awaiting it sends it.
 */
function deferred(start: () => Promise<{ req: request.Test }>): request.Test {
  const calls: [string, unknown[]][] = [];
  const proxy: request.Test = new Proxy({} as request.Test, {
    get(_target, prop) {
      if (prop === 'then') {
        return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
          start()
            .then(({ req }) =>
              calls.reduce<request.Test>(
                (r, [name, args]) =>
                  (r as unknown as Record<string, (...a: unknown[]) => request.Test>)[name](...args),
                req,
              ),
            )
            .then(resolve, reject);
      }
      return (...args: unknown[]) => {
        calls.push([String(prop), args]);
        return proxy;
      };
    },
  });
  return proxy;
}
