import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres';
import { resolveTemporalCli } from '../../src/embedded/temporal-cli';
import { startTemporalDevServer } from '../../src/embedded/temporal-dev-server';
import { ensureSearchAttributes } from '../../src/temporal/ensure-search-attributes';
import { writeWorkflowBundle } from '../../src/temporal/workflow-bundle';
import { ENV_KEY, namespaceFor, TEST_ROOT, testFileKey, TestEnv } from './test-env';
import { startTestIssuer } from './test-issuer';
import { testPort } from './test-port';

/**
 * What the jest projects' globalSetups start, each once per run: jest runs every selected project's
 * globalSetup in its main process, and projects share these (the integration tier needs PostgreSQL only,
 * the workflow, end-to-end and browser tiers everything). Stopped by globalTeardown, in reverse order.
 */
type Stop = () => Promise<unknown>;
interface Resources {
  stops: Stop[];
  work?: string;
  postgres?: Promise<string>;
  stack?: Promise<void>;
}
const shared = globalThis as { __recertTestResources?: Resources };
const resources: Resources = (shared.__recertTestResources ??= { stops: [] });

function workDir(): string {
  if (!resources.work) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-test-'));
    resources.stops.push(async () => fs.rmSync(work, { recursive: true, force: true }));
    resources.work = work;
  }
  return resources.work;
}

function publish(fields: Partial<TestEnv>): void {
  const current = JSON.parse(process.env[ENV_KEY] ?? '{}') as Partial<TestEnv>;
  process.env[ENV_KEY] = JSON.stringify({ ...current, ...fields });
}

/** PostgreSQL: the server named by DATABASE_URL when set, else an embedded one in a temporary folder. */
export function ensurePostgres(): Promise<string> {
  resources.postgres ??= (async () => {
    let url = process.env.DATABASE_URL;
    if (!url) {
      const pg = await startEmbeddedPostgres(path.join(workDir(), 'postgres'), await testPort(), 'postgres');
      resources.stops.push(() => pg.stop());
      url = pg.url;
    }
    publish({ adminDatabaseUrl: url });
    return url;
  })();
  return resources.postgres;
}

/**
 * Temporal (the server at TEMPORAL_ADDRESS when set, else a dev server from the `temporal` CLI) with a
 * namespace per test file, the workflows' bundle and the test OpenID issuer, started side by side.
 */
export function ensureStack(): Promise<void> {
  resources.stack ??= (async () => {
    const namespaces = Object.fromEntries(specFiles(TEST_ROOT).map((key) => [key, namespaceFor(key)]));
    const work = workDir();
    const workflowBundlePath = path.join(work, 'workflow-bundle.js');
    const [temporalAddress, issuer] = await Promise.all([
      startTemporal(Object.values(namespaces), work),
      startTestIssuer({ secretsFile: path.join(work, 'issuer-secrets.json') }).then((started) => {
        resources.stops.push(() => started.stop());
        return started.issuer;
      }),
      writeWorkflowBundle(workflowBundlePath),
      ensurePostgres(),
    ]);
    publish({ temporalAddress, namespaces, workflowBundlePath, issuer });
  })();
  return resources.stack;
}

export async function stopAll(): Promise<void> {
  for (const stop of resources.stops.splice(0).reverse()) await stop();
  delete shared.__recertTestResources;
}

/** Tiers that never reach Temporal: their files get no namespace. */
const WITHOUT_TEMPORAL = ['unit/', 'integration/'];

/** Every test file under `root` that may reach Temporal, in subfolders too, by its key (its path under test/). */
function specFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.spec.ts'))
    .map((f) => testFileKey(path.join(root, f)))
    .filter((key) => !WITHOUT_TEMPORAL.some((tier) => key.startsWith(tier)));
}

async function startTemporal(namespaces: string[], work: string): Promise<string> {
  const existing = process.env.TEMPORAL_ADDRESS;
  if (existing) {
    await registerNamespaces(existing, namespaces);
    return existing;
  }
  const server = await startTemporalDevServer({
    cliPath: await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH }),
    port: await testPort(),
    namespaces,
    logFile: path.join(work, 'temporal.log'),
  });
  resources.stops.push(() => server.stop());
  return server.address;
}

/** On an existing server: creates the test namespaces (and Recert's search attributes) when missing. */
async function registerNamespaces(address: string, names: string[]): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    for (const namespace of names) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs('1 day'),
        });
      }
      for (let attempt = 0; ; attempt++) {
        const problem = await ensureSearchAttributes(connection, namespace);
        if (!problem) break;
        if (attempt > 60) throw new Error(problem);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await connection.close();
  }
}
