import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Sql } from '../database/database';
import type { LedgerCollection } from './ledger-import.schema';
import type { LedgerRepository } from './ledger.repository';

/** Lines of another collection held while one COPY runs; when this many wait, that COPY ends. */
const HELD_PER_COLLECTION = 1000;
/** Lines go to PostgreSQL in chunks of about this many characters: one message per line costs more than the line. */
const CHUNK = 64 * 1024;

/**
 * Streams validated records into their collections' staging tables with `COPY`, on the import's own
 * connection. A connection runs one COPY at a time, so a file that mixes collections has the lines of
 * the others held (a bounded number) until their turn: a file grouped by collection runs one COPY each.
 */
export class StagingWriter {
  readonly received: Partial<Record<LedgerCollection, number>> = {};
  private current?: { collection: LedgerCollection; copy: Writable };
  private pending = '';
  private readonly held = new Map<LedgerCollection, string[]>();
  private readonly created = new Set<LedgerCollection>();

  constructor(
    private readonly sql: Sql,
    private readonly ledger: LedgerRepository,
  ) {}

  /**
   * Takes one record; answers a promise only when the caller must wait (a chunk is being sent, a COPY
   * starts or ends): a million records must not cost a million promises.
   */
  add(collection: LedgerCollection, idx: number, row: Record<string, unknown>): Promise<void> | undefined {
    this.received[collection] = (this.received[collection] ?? 0) + 1;
    const line = this.ledger.stagingLine(collection, idx, row);
    if (this.current?.collection === collection) return this.write(line);
    return this.addElsewhere(collection, line);
  }

  private async addElsewhere(collection: LedgerCollection, line: string): Promise<void> {
    if (!this.current) {
      await this.open(collection);
      return this.write(line);
    }
    const held = this.held.get(collection) ?? [];
    this.held.set(collection, held);
    held.push(line);
    if (held.length >= HELD_PER_COLLECTION) {
      await this.close();
      await this.open(collection);
    }
  }

  /** Ends the COPYs (the held lines first) and refreshes the planner's view of every staging table. */
  async finish(): Promise<void> {
    await this.close();
    for (const collection of this.held.keys()) {
      await this.open(collection);
      await this.close();
    }
    for (const collection of Object.keys(this.received) as LedgerCollection[]) {
      await this.ledger.analyzeStaging(this.sql, collection);
    }
  }

  /** Fails a running COPY, so that the connection can roll the transaction back. */
  async abort(): Promise<void> {
    const copy = this.current?.copy;
    this.current = undefined;
    this.pending = '';
    if (!copy || copy.destroyed) return;
    copy.destroy(new Error('import refused'));
    await finished(copy).catch(() => undefined);
  }

  /** Starts a COPY; the connection runs no other statement until `close`. */
  private async open(collection: LedgerCollection): Promise<void> {
    if (!this.created.has(collection)) {
      await this.ledger.createStaging(this.sql, collection);
      this.created.add(collection);
    }
    this.current = { collection, copy: this.ledger.copyIntoStaging(this.sql, collection) };
    const held = this.held.get(collection) ?? [];
    this.held.delete(collection);
    for (const line of held) await this.write(line);
  }

  private write(line: string): Promise<void> | undefined {
    this.pending += line;
    return this.pending.length >= CHUNK ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const { copy } = this.current!;
    const chunk = this.pending;
    this.pending = '';
    if (chunk && !copy.write(chunk)) await once(copy, 'drain');
  }

  private async close(): Promise<void> {
    if (!this.current) return;
    await this.flush();
    const { copy } = this.current;
    this.current = undefined;
    copy.end();
    await finished(copy);
  }
}
