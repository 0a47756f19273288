import type { Database } from '../database/database';
import type { LedgerLookupRepository } from '../ledger';

/** A person the development provider can sign in: a ledger identity, or anyone in the test issuer. */
export interface DevAccount {
  key: string;
  name: string;
  email: string | null;
}

export interface DevAccountSource {
  /** Whether the sign-in page lists accounts to pick from (else it asks for a key). */
  readonly listed: boolean;
  find(key: string): Promise<DevAccount | undefined>;
  /** Up to `limit` accounts whose key or name contains `filter`. */
  search(filter: string, limit: number): Promise<DevAccount[]>;
}

/**
 * The issuer that tests start on its own port knows no ledger: every key signs in, and Recert decides
 * whether it names an identity, as it does with a production provider that knows people Recert does not.
 */
export class AnyAccount implements DevAccountSource {
  readonly listed = false;

  find(key: string): Promise<DevAccount> {
    return Promise.resolve({ key, name: key, email: `${key}@example.test` });
  }

  search(): Promise<DevAccount[]> {
    return Promise.resolve([]);
  }
}

/** The embedded provider's people: the active identities of Recert's own ledger. */
export class LedgerAccounts implements DevAccountSource {
  readonly listed = true;

  constructor(
    private readonly db: Database,
    private readonly lookup: LedgerLookupRepository,
  ) {}

  async find(key: string): Promise<DevAccount | undefined> {
    const row = await this.db.run((sql) => this.lookup.person(sql, 'key', key));
    return row?.status === 'active' ? { key: row.key, name: row.display_name, email: row.email } : undefined;
  }

  async search(filter: string, limit: number): Promise<DevAccount[]> {
    const rows = await this.db.run((sql) => this.lookup.searchPeople(sql, filter, limit));
    return rows.map((r) => ({ key: r.key, name: r.display_name, email: r.email }));
  }
}
