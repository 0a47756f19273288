import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';

/** A database of its own for one test file, on the server `adminUrl` names; created empty. */
export async function createTestDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `recert_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops a database `createTestDatabase` made, closing what still connects to it. */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
