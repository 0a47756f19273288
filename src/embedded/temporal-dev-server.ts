import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { describeError } from './describe-error';
import { Supervision, Supervisor } from './supervisor';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort?: number;
  /** On-disk SQLite file; omitted means in-memory (tests). */
  dbFile?: string;
  namespaces: string[];
  logFile?: string;
  extraArgs?: string[];
  /** Restarts a dev server that dies, on the same SQLite file and port (see supervisor.ts). */
  supervision?: Supervision;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

async function waitUntilServing(address: string, gone: () => string | undefined): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const why = gone();
    if (why) throw new Error(`temporal dev server ${why}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `temporal dev server at ${address} not ready after ${START_TIMEOUT_MS / 1000} s: ${describeError(lastError)}`,
  );
}

/** The end of the dev server's log, which says why it stopped (a port in use, a locked file). */
function logEnd(logFile: string | undefined): string {
  if (!logFile) return '';
  try {
    const text = fs.readFileSync(logFile, 'utf8').slice(-2000);
    const last = text.trim().split('\n').slice(-3).join(' | ');
    return last ? ` (${logFile}: ${last})` : '';
  } catch {
    return '';
  }
}

/**
 * Starts `temporal server start-dev` ourselves rather than through the SDK, which gives the binary only
 * 5 s to come up — too little for a cold start on a small machine.
 */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServer> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    ...opts.namespaces.flatMap((n) => ['--namespace', n]),
    '--log-level',
    'warn',
  ];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  // Absolute, as it is also how the process is recognised on its command line (see supervisor.ts).
  const dbFile = opts.dbFile && path.resolve(opts.dbFile);
  if (dbFile) {
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  for (const key of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=Keyword`);
  args.push(...(opts.extraArgs ?? []));

  const address = `127.0.0.1:${opts.port}`;
  let child: ChildProcess | undefined;
  const supervisor = new Supervisor(
    {
      name: 'Temporal dev server',
      keeps: `${dbFile ? `same SQLite file ${dbFile}` : 'in memory'}, same port ${opts.port}`,
      identity: dbFile ?? String(opts.port),
      stopSignal: 'SIGTERM',
      current: () => child,
      async start() {
        const log = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
        // Supervised (npm start), it runs in a process group of its own: Ctrl-C in the terminal then reaches
        // Recert alone, which stops this server after the worker has drained against it. Stopping at the
        // same time as the worker, it left the worker's last calls unanswered.
        const spawned = spawn(opts.cliPath, args, {
          stdio: ['ignore', log, log],
          detached: opts.supervision !== undefined,
        });
        // The child has its own copy of the log's descriptor.
        if (typeof log === 'number') fs.closeSync(log);
        child = spawned;
        let spawnError: Error | undefined;
        spawned.once('error', (err) => (spawnError = err));
        const gone = () => {
          if (spawnError) return `could not be run: ${spawnError.message}`;
          if (spawned.signalCode) return `was killed by ${spawned.signalCode}${logEnd(opts.logFile)}`;
          if (spawned.exitCode !== null) return `exited with code ${spawned.exitCode}${logEnd(opts.logFile)}`;
          return undefined;
        };
        try {
          await waitUntilServing(address, gone);
          return spawned;
        } catch (err) {
          spawned.kill('SIGKILL');
          throw err;
        }
      },
    },
    opts.supervision,
  );
  await supervisor.start();
  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    stop: () => supervisor.stop(),
  };
}
