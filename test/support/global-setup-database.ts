import { ensurePostgres } from './global-resources';

/** The integration tier: PostgreSQL only (each test file creates its own database on it). */
export default async function globalSetup(): Promise<void> {
  await ensurePostgres();
}
