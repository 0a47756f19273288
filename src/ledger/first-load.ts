import type { Sql } from '../database/database';
import type { LedgerCollection } from './ledger-import.schema';
import { LEDGER_SPECS, LedgerRepository } from './ledger.repository';

/**
 * The collections whose table was empty when the import began (a first load). Under the import lock all
 * their rows are new: they are inserted without `ON CONFLICT`, and the table's indexes that a load can do
 * without are dropped before its first row is written and built again once it is loaded. Dropping them
 * locks the table until the import commits: readers of a table that was empty wait for it to be loaded.
 */
export class FirstLoad {
  private readonly setAside = new Map<LedgerCollection, string[]>();

  constructor(
    private readonly sql: Sql,
    private readonly ledger: LedgerRepository,
    private readonly collections: Set<LedgerCollection>,
  ) {}

  has(collection: LedgerCollection): boolean {
    return this.collections.has(collection);
  }

  /**
   * Before the first write to `collection`, outside any savepoint: a savepoint rolled back would bring the
   * indexes back, and `afterWrite` would build them twice.
   */
  async beforeWrite(collection: LedgerCollection): Promise<void> {
    if (!this.collections.has(collection) || this.setAside.has(collection)) return;
    const statements = await this.ledger.setAsideIndexes(this.sql, LEDGER_SPECS[collection].table);
    this.setAside.set(collection, statements);
  }

  /**
   * Once every row of `collection` is written, before anything reads its table by key (the identities'
   * managers, the references of the collections merged next).
   */
  async afterWrite(collection: LedgerCollection): Promise<void> {
    const statements = this.setAside.get(collection);
    if (statements) await this.ledger.buildIndexes(this.sql, statements);
    this.setAside.delete(collection);
  }
}
