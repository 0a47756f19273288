import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../../src/temporal/ensure-search-attributes';
import { startEmbeddedPostgres } from '../../src/embedded/embedded-postgres';
import { resolveTemporalCli } from '../../src/embedded/temporal-cli';
import { startTemporalDevServer } from '../../src/embedded/temporal-dev-server';
import { writeWorkflowBundle } from '../../src/temporal/workflow-bundle';
import { freePort } from '../../src/embedded/free-port';
import { ENV_KEY, namespaceFor, TestEnv } from './test-env';
import { startTestIssuer } from './test-issuer';

type Stop = () => Promise<unknown>;
const stops: Stop[] = [];
(globalThis as { __recertStops?: Stop[] }).__recertStops = stops;

/**
 * PostgreSQL: the server named by DATABASE_URL when set, else an embedded one in a temporary folder.
 * Temporal: the server at TEMPORAL_ADDRESS when set, else a dev server from the `temporal` CLI.
 */
export default async function globalSetup(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-test-'));
  stops.push(async () => fs.rmSync(work, { recursive: true, force: true }));

  let adminDatabaseUrl = process.env.DATABASE_URL;
  if (!adminDatabaseUrl) {
    const pg = await startEmbeddedPostgres(path.join(work, 'postgres'), await freePort(), 'postgres');
    stops.push(() => pg.stop());
    adminDatabaseUrl = pg.url;
  }

  const specs = fs.readdirSync(path.join(__dirname, '..')).filter((f) => f.endsWith('.spec.ts'));
  const namespaces = Object.fromEntries(specs.map((f) => [f, namespaceFor(f)]));
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (temporalAddress) {
    await registerNamespaces(temporalAddress, Object.values(namespaces));
  } else {
    const cli = await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH });
    const server = await startTemporalDevServer({
      cliPath: cli,
      port: await freePort(),
      namespaces: Object.values(namespaces),
      logFile: path.join(work, 'temporal.log'),
    });
    stops.push(() => server.stop());
    temporalAddress = server.address;
  }

  const workflowBundlePath = path.join(work, 'workflow-bundle.js');
  await writeWorkflowBundle(workflowBundlePath);

  const issuer = await startTestIssuer({ secretsFile: path.join(work, 'issuer-secrets.json') });
  stops.push(() => issuer.stop());

  const env: TestEnv = {
    adminDatabaseUrl,
    issuer: issuer.issuer,
    temporalAddress,
    namespaces,
    workflowBundlePath,
  };
  process.env[ENV_KEY] = JSON.stringify(env);
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
