import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../src/app.factory';
import { Role } from '../../src/auth/roles';
import { signToken } from '../../src/auth/tokens';
import type { CampaignView } from '../../src/campaigns/campaign.view';
import { AppConfig, loadConfig } from '../../src/config/config.schema';
import { Database } from '../../src/database/database';
import { openDatabase } from '../../src/database/data-source';
import { clientConnectionOptions } from '../../src/temporal/connection-options';
import { startWorker } from '../../src/temporal/worker.module';
import { namespaceFor, readTestEnv } from './test-env';

let runtimeInstalled = false;

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

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
  private readonly dbName = `recert_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  constructor(env: Record<string, string> = {}) {
    const testFile = path.basename(expect.getState().testPath ?? '');
    this.namespace = env.TEMPORAL_NAMESPACE ?? this.env.namespaces[testFile] ?? namespaceFor(testFile);
    this.temporalAddress = env.TEMPORAL_ADDRESS ?? this.env.temporalAddress;
    this.config = loadConfig({
      NODE_ENV: 'test',
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: this.namespace,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      JWT_SECRET: 'test-secret-for-recert-tests-only-0123456789',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'recert-test-data-')),
      ...env,
    });
  }

  static async start(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestRecert> {
    const recert = new TestRecert(options.env);
    await recert.boot(options.worker ?? true);
    return recert;
  }

  private async boot(withWorker: boolean): Promise<void> {
    if (!runtimeInstalled) {
      Runtime.install({ shutdownSignals: [], logger: quietLogger });
      runtimeInstalled = true;
    }
    const admin = new PgClient({ connectionString: this.env.adminDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${this.dbName}`);
    await admin.end();
    this.databaseUrl = databaseUrl(this.env.adminDatabaseUrl, this.dbName);
    this.dataSource = await openDatabase(this.databaseUrl);
    this.db = new Database(this.dataSource);
    // The API's client as in production: a few quick retries, then 503.
    this.connection = await Connection.connect(
      clientConnectionOptions(this.config.temporal, this.temporalAddress),
    );
    this.client = new Client({ connection: this.connection, namespace: this.namespace });
    this.nativeConnection = await NativeConnection.connect({ address: this.temporalAddress });
    if (withWorker) await this.startWorker();
    this.app = await createApiApp({ config: this.config, db: this.db, temporal: this.client });
    await this.app.init();
  }

  async startWorker(): Promise<void> {
    if (this.worker) throw new Error('a worker is already running');
    this.worker = await startWorker({
      config: this.config,
      db: this.db,
      temporal: this.client,
      connection: this.nativeConnection,
      workflowBundle: { codePath: this.env.workflowBundlePath },
    });
  }

  async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  token(sub: string, ...roles: Role[]): string {
    return signToken(this.config.jwtSecret, sub, roles);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  as(sub: string, ...roles: Role[]) {
    const auth = `Bearer ${this.token(sub, ...roles)}`;
    const server = this.app.getHttpServer();
    return {
      get: (url: string) => request(server).get(url).set('authorization', auth),
      post: (url: string, body?: object) =>
        request(server)
          .post(url)
          .set('authorization', auth)
          .send(body ?? {}),
      put: (url: string) => request(server).put(url).set('authorization', auth),
      delete: (url: string) => request(server).delete(url).set('authorization', auth),
    };
  }

  /** Seed 002's XML form of a policy, imported by an administrator. */
  importPolicyXml(xml: string) {
    return this.http()
      .post('/api/v1/policies/import')
      .set('authorization', `Bearer ${this.token('root', 'admin')}`)
      .set('content-type', 'application/xml')
      .send(xml);
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

  async close(): Promise<void> {
    await this.app?.close();
    await this.stopWorker();
    await this.nativeConnection?.close();
    await this.connection?.close();
    await this.dataSource?.destroy();
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
