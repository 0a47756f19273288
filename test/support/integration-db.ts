import type { AppConfig } from '../../src/config/config.schema';
import { loadConfig } from '../../src/config/config.schema';
import { AuditRepository } from '../../src/audit/audit.repository';
import { Database, Sql } from '../../src/database/database';
import { openDatabase } from '../../src/database/data-source';
import type { Actor } from '../../src/domain/actor';
import type { ClosedLoopVerifier } from '../../src/ledger/closed-loop-verifier';
import type { ImportResult } from '../../src/ledger/ledger.service';
import { LedgerService } from '../../src/ledger/ledger.service';
import { ledgerImportSchema, Snapshot } from '../../src/ledger/ledger-import.schema';
import { LedgerRepository } from '../../src/ledger/ledger.repository';
import { RemediationRepository } from '../../src/remediation/remediation.repository';
import { createTestDatabase, dropTestDatabase } from './test-database';
import { ENV_KEY, readDatabaseEnv } from './test-env';

export const ADMIN: Actor = { actor: 'root' };

/**
 * A migrated database of its own for one test file, and the ledger service that seeds it as imports do
 * (closed-loop verification included; reopened remediations are not launched: that needs Temporal).
 */
export class IntegrationDb {
  readonly config: AppConfig = loadConfig({ NODE_ENV: 'test' });
  readonly ledger: LedgerService;

  private constructor(
    readonly db: Database,
    private readonly adminUrl: string,
    private readonly name: string,
  ) {
    const remediations = new RemediationRepository();
    const verifier: ClosedLoopVerifier = {
      verify: (sql, importId, kind, staged, snapshot) =>
        remediations.verifyAgainstImport(sql, importId, kind, staged, snapshot),
      afterCommit: async () => undefined,
    };
    this.ledger = new LedgerService(db, new LedgerRepository(), new AuditRepository(), verifier, this.config);
  }

  static async open(): Promise<IntegrationDb> {
    const adminUrl = adminDatabaseUrl();
    const { name, url } = await createTestDatabase(adminUrl);
    const dataSource = await openDatabase(url, 8);
    // TypeORM prints failed queries with console.log; some tests provoke them (unique keys, refused imports).
    dataSource.setOptions({ logging: [] });
    return new IntegrationDb(new Database(dataSource), adminUrl, name);
  }

  /** Imports a ledger document as the API would after validating it (defaults filled in). */
  import(doc: object, snapshot: Snapshot | null = null): Promise<ImportResult> {
    return this.ledger.import(ledgerImportSchema.parse(doc), ADMIN, snapshot);
  }

  run<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.db.run(work);
  }

  query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.db.run((sql) => sql.rows<T>(text, params));
  }

  async close(): Promise<void> {
    await this.db.dataSource.destroy();
    await dropTestDatabase(this.adminUrl, this.name);
  }
}

/** The test file's database, opened before its tests and dropped after them. */
export function useIntegrationDb(): () => IntegrationDb {
  let it: IntegrationDb | undefined;
  beforeAll(async () => {
    it = await IntegrationDb.open();
  });
  afterAll(async () => {
    await it?.close();
  });
  return () => {
    if (!it) throw new Error('the integration database is not open yet');
    return it;
  };
}

/** The server of globalSetup when there is one, else the one DATABASE_URL names. */
function adminDatabaseUrl(): string {
  if (process.env[ENV_KEY]) return readDatabaseEnv().adminDatabaseUrl;
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('integration tests need DATABASE_URL (a PostgreSQL server they may create databases on)');
  return url;
}
