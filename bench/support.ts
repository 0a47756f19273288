import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { progressQuery } from '../workflows/campaign.contract';
import { loadConfig } from '../src/config/config.schema';
import { embeddedTokens } from '../src/dev-oidc/dev-tokens';
import { clientCredentialsToken, devPersonToken } from '../src/dev-oidc/scripted-sign-in';
import { freePort } from '../src/embedded/free-port';
import { CLI_CLIENT, TEST_CLIENTS } from '../test/support/test-issuer';
import { NAMESPACE, startProdStack } from '../scripts/stack/prod-stack';

const MAIN = path.join(__dirname, '..', 'src', 'main.js');

/**
 * A whole Recert (`start`: embedded PostgreSQL and Temporal unless configured) in a child process with a
 * temporary data folder, so that the benchmark's own client work does not share its event loop.
 */
export async function startBenchRecert(taskQueue: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-bench-'));
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: taskQueue,
  };
  const config = loadConfig(env);
  const child = spawn(process.execPath, [MAIN, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (code !== 0) console.error(`recert stopped with ${signal ?? `exit code ${code}`}`);
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready;) {
    if (child.exitCode !== null) throw new Error(`recert exited with ${child.exitCode}`);
    ready = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    child.kill('SIGINT');
    await exited;
  };
  const dev = embeddedTokens(config);
  const temporalAddress = config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`;
  const target = await benchTarget({
    base,
    temporalAddress,
    taskQueue,
    namespace: config.temporal.namespace,
    databaseUrl:
      config.database.url ?? `postgres://postgres:postgres@127.0.0.1:${config.database.embeddedPort}/recert`,
    token: (sub, role) => (role === 'admin' ? dev.automation() : dev.person({ identity: sub })),
    stop: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return { ...target, config, env, pid: child.pid! };
}

/**
 * The production topology (`npm run stack:prod`: a Temporal server on PostgreSQL, two API processes
 * behind the balancer, two workers) in a temporary folder; `env` reaches every API and worker process.
 */
export async function startBenchProdStack(
  taskQueue: string,
  env: Record<string, string> = {},
  apis?: number,
): Promise<BenchTarget & { apiPids: () => number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-bench-prod-'));
  const stack = await startProdStack({
    dir,
    apis,
    env: { ...env, TEMPORAL_TASK_QUEUE: taskQueue },
    log: (m) => console.error(m),
  });
  const admin = () => clientCredentialsToken(stack.issuer, 'root', TEST_CLIENTS.root.secret);
  const target = await benchTarget({
    base: stack.url,
    temporalAddress: stack.temporalAddress,
    taskQueue,
    namespace: NAMESPACE,
    databaseUrl: stack.databaseUrl,
    token: (sub, role) =>
      role === 'admin' ? admin() : devPersonToken(stack.issuer, CLI_CLIENT, { identity: sub }),
    stop: async () => {
      await stack.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
  /** The API processes (without a worker), for their memory. */
  return { ...target, apiPids: () => stack.apis.flatMap((a) => (a.pid ? [a.pid] : [])) };
}

/** `--topology prod` runs a benchmark on the production topology instead of the embedded one. */
export function startBenchOn(
  topology: string | undefined,
  taskQueue: string,
  env: Record<string, string> = {},
): Promise<BenchTarget> {
  if (topology === 'prod') return startBenchProdStack(taskQueue, env);
  if (topology && topology !== 'embedded') throw new Error(`--topology: embedded or prod, not ${topology}`);
  Object.assign(process.env, env);
  return startBenchRecert(taskQueue);
}

async function benchTarget(t: {
  base: string;
  temporalAddress: string;
  taskQueue: string;
  namespace: string;
  databaseUrl: string;
  token: (sub: string, role: 'admin' | 'reviewer') => Promise<string>;
  stop: () => Promise<void>;
}) {
  const connection = await Connection.connect({ address: t.temporalAddress });
  const temporal = new Client({ connection, namespace: t.namespace });
  return {
    base: t.base,
    temporalAddress: t.temporalAddress,
    databaseUrl: t.databaseUrl,
    /** A client of the topology's Temporal namespace, and the task queue its workers poll. */
    temporal,
    taskQueue: t.taskQueue,
    /** The automation client (admin) for 'admin'; otherwise a reviewer of the ledger. */
    token: t.token,
    async api<T = Record<string, unknown>>(
      token: string,
      method: string,
      url: string,
      body?: unknown,
    ): Promise<T> {
      const res = await fetch(t.base + url, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    /** Waits until the campaign's fan-out has started every reviewer task; returns how many. */
    async waitForReviewerTasks(workflowId: string): Promise<number> {
      for (;;) {
        const progress = await temporal.workflow.getHandle(workflowId).query(progressQuery);
        if (progress.fanOutDone) return progress.reviewerTasks;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await connection.close();
      await t.stop();
    },
  };
}

export type BenchTarget = Awaited<ReturnType<typeof benchTarget>>;
export type BenchRecert = BenchTarget;

/** Launches a campaign over the whole ledger and waits until it is active; returns it and the seconds. */
export async function launchAndWait(recert: BenchRecert, admin: string, title: string, options: object = {}) {
  const started = performance.now();
  const campaign = await recert.api<{ id: string; status: string; workflowId: string }>(
    admin,
    'POST',
    '/api/v1/campaigns',
    {
      title,
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'default-reviewer' },
      options,
    },
  );
  let current: { id: string; status: string; workflowId: string; counts: Record<string, number> } = {
    ...campaign,
    counts: {},
  };
  while (current.status !== 'active') {
    await new Promise((r) => setTimeout(r, 50));
    current = await recert.api(admin, 'GET', `/api/v1/campaigns/${campaign.id}`);
  }
  return { campaign: current, seconds: (performance.now() - started) / 1000 };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
