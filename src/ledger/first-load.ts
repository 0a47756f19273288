import type { Sql } from '../database/database';
import { isKeyTwice } from '../database/pg-errors';
import type { LedgerCollection } from './ledger-import.schema';
import { LEDGER_SPECS, LedgerRepository, SetAside } from './ledger.repository';

/**
 * The collections whose table was empty when the import began (a first load). Under the import lock all
 * their rows are new: they are inserted without `ON CONFLICT`, and the table's indexes that a load can do
 * without are dropped before its first row is written and built again once it is loaded. Dropping them
 * locks the table until the import commits: readers of a table that was empty wait for it to be loaded.
 */
export class FirstLoad {
  private readonly setAside = new Map<LedgerCollection, SetAside>();

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
    this.setAside.set(
      collection,
      await this.ledger.setAsideIndexes(this.sql, LEDGER_SPECS[collection].table),
    );
  }

  /**
   * Whether building the unique key again will check `collection`'s keys: then a search for duplicates
   * beforehand (a second per million rows) is only needed to name them.
   */
  checksKeys(collection: LedgerCollection): boolean {
    return this.setAside.get(collection)?.uniqueKey ?? false;
  }

  /**
   * Once every row of `collection` is written, before anything reads its table by key (the identities'
   * managers, the references of the collections merged next). False when a key is twice: nothing is built,
   * and the import is to be refused.
   */
  async afterWrite(collection: LedgerCollection): Promise<boolean> {
    const setAside = this.setAside.get(collection);
    this.setAside.delete(collection);
    if (!setAside) return true;
    const built = await this.sql.undoable(
      () => this.ledger.buildIndexes(this.sql, setAside.statements).then(() => true),
      isKeyTwice,
    );
    return built ?? false;
  }
}
