import type { Database } from '../database/database';
import type { LedgerLookupRepository } from '../ledger';
import { DEMO_PATH } from '../demo/demo-files';
import { GuidePersonRow, SignInPeopleRepository } from './sign-in-people.repository';

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
  /** Whom to pick, by what they would do; absent where the provider knows no ledger. */
  guide?(): Promise<SignInGuide>;
}

/** A person the sign-in page suggests, with their job and, for a reviewer, their items to review. */
export interface GuidePerson extends DevAccount {
  jobTitle: string | null;
  items: number;
}

export interface SignInGuide {
  /** Set while the ledger is empty (nobody to sign in as): where the demo organisation is loaded. */
  demoPath: string | null;
  reviewers: GuidePerson[];
  administrators: GuidePerson[];
  auditors: GuidePerson[];
}

/** Reviewers listed on the sign-in page: a handful, those with the most to review. */
const GUIDE_REVIEWERS = 5;

const guidePerson = (r: GuidePersonRow): GuidePerson => ({
  key: r.key,
  name: r.name,
  email: r.email,
  jobTitle: r.job_title,
  items: r.items,
});

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
    private readonly people = new SignInPeopleRepository(),
  ) {}

  guide(): Promise<SignInGuide> {
    return this.db.run(async (sql) => ({
      demoPath: (await this.people.ledgerEmpty(sql)) ? DEMO_PATH : null,
      reviewers: (await this.people.reviewers(sql, GUIDE_REVIEWERS)).map(guidePerson),
      administrators: (await this.people.marked(sql, 'administrator')).map(guidePerson),
      auditors: (await this.people.marked(sql, 'auditor')).map(guidePerson),
    }));
  }

  async find(key: string): Promise<DevAccount | undefined> {
    const row = await this.db.run((sql) => this.lookup.person(sql, 'key', key));
    return row?.status === 'active' ? { key: row.key, name: row.display_name, email: row.email } : undefined;
  }

  async search(filter: string, limit: number): Promise<DevAccount[]> {
    const rows = await this.db.run((sql) => this.lookup.searchPeople(sql, filter, limit));
    return rows.map((r) => ({ key: r.key, name: r.display_name, email: r.email }));
  }
}
