import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Sql } from '../database/database';
import type { LedgerCollection } from './ledger-import.schema';
import type { LedgerRepository, UpsertCounts } from './ledger.repository';

/** Lines of another collection held while one COPY runs; when this many wait, that COPY ends. */
const HELD_PER_COLLECTION = 1000;
/** Lines go to PostgreSQL in chunks of about this many characters: one message per line costs more than the line. */
const CHUNK = 64 * 1024;
/** Bytes of lines kept while a merge runs; beyond, the file waits for the merge. */
const HELD_WHILE_MERGING = 8 * 1024 * 1024;
/**
 * While a merge runs, records are parsed from buffered input without a turn of the event loop in between:
 * every this many, the writer lets it turn, so that PostgreSQL's answers (the merge's, and the statements
 * that lead to it) are taken when they come instead of after the next part has been parsed (a second,
 * idle, per part).
 */
const RECORDS_PER_TURN = 500;

/**
 * Upserts the staged rows of `collection` after `after` up to `upTo` (their line numbers); `undefined` when
 * it could not and wrote nothing, which leaves the rest of the file to the import's checks and final merge.
 */
export type PartMerge = (
  collection: LedgerCollection,
  after: number,
  upTo: number,
) => Promise<UpsertCounts | undefined>;

/** What the parts merged while staging covered, per collection: the rest is merged after the checks. */
export type MergedParts = Partial<Record<LedgerCollection, UpsertCounts & { upTo: number }>>;

/**
 * Streams validated records into their collections' staging tables with `COPY`, on the import's own
 * connection. A connection runs one COPY at a time, so a file that mixes collections has the lines of
 * the others held (a bounded number) until their turn: a file grouped by collection runs one COPY each.
 *
 * Given `parts` (a file of one collection), every `parts.rows` rows the COPY pauses while PostgreSQL
 * merges them into the ledger and the file goes on being parsed into memory: the two cores work at once.
 * All of it stays in the import's transaction, so a problem found later still writes nothing.
 */
export class StagingWriter {
  readonly received: Partial<Record<LedgerCollection, number>> = {};
  readonly merged: MergedParts = {};
  private current?: { collection: LedgerCollection; copy: Writable };
  private pending = '';
  /**
   * The lines parsed while a merge runs, as bytes in one buffer that every merge of the import reuses.
   * Kept as strings, or as a buffer per chunk, for the length of a merge, they outlived the young
   * generation's collections and piled up in the old one as garbage until the next full collection (the
   * chunks: 50 MB more of the process at its peak). It is written only while no COPY runs (a merge starts
   * once the COPY before it has ended), so no part of it is still on its way to PostgreSQL.
   */
  private parking?: Buffer;
  private parkedBytes = 0;
  private readonly held = new Map<LedgerCollection, string[]>();
  private readonly created = new Set<LedgerCollection>();
  private merging?: {
    collection: LedgerCollection;
    done: Promise<void>;
    settled: boolean;
    failure?: unknown;
  };
  private lastIdx = 0;
  private sinceMerge = 0;

  constructor(
    private readonly sql: Sql,
    private readonly ledger: LedgerRepository,
    private parts?: { rows: number; merge: PartMerge },
  ) {}

  /**
   * Takes one record; answers a promise only when the caller must wait (a chunk is being sent, a COPY
   * starts or ends): a million records must not cost a million promises.
   */
  add(collection: LedgerCollection, idx: number, row: Record<string, unknown>): Promise<void> | undefined {
    this.received[collection] = (this.received[collection] ?? 0) + 1;
    const line = this.ledger.stagingLine(collection, idx, row);
    if (this.merging?.collection === collection) {
      this.pending += line;
      this.staged(idx);
      if (this.merging.settled || (this.pending.length >= CHUNK && !this.park())) return this.resume();
      return this.sinceMerge % RECORDS_PER_TURN === 0 ? nextTurn() : undefined;
    }
    if (this.current?.collection === collection) {
      this.staged(idx);
      const sending = this.write(line);
      return this.parts && this.sinceMerge >= this.parts.rows ? this.startMerge(sending) : sending;
    }
    return this.addElsewhere(collection, line);
  }

  private staged(idx: number): void {
    this.lastIdx = idx;
    this.sinceMerge++;
  }

  /** Ends the COPY and merges what it staged since the last part, without waiting for the merge. */
  private async startMerge(sending: Promise<void> | undefined): Promise<void> {
    await sending;
    const { collection } = this.current!;
    await this.close();
    const after = this.merged[collection]?.upTo ?? -1;
    const upTo = this.lastIdx;
    this.sinceMerge = 0;
    const merging: NonNullable<StagingWriter['merging']> = {
      collection,
      settled: false,
      done: Promise.resolve(),
    };
    merging.done = this.parts!.merge(collection, after, upTo).then(
      (counts) => {
        merging.settled = true;
        if (!counts) {
          this.parts = undefined;
          return;
        }
        const before = this.merged[collection] ?? { inserted: 0, updated: 0, upTo: after };
        this.merged[collection] = {
          inserted: before.inserted + counts.inserted,
          updated: before.updated + counts.updated,
          upTo,
        };
      },
      (err: unknown) => {
        merging.failure = err;
        merging.settled = true;
      },
    );
    this.merging = merging;
  }

  /** Once the merge is over: the COPY again, with the lines parsed meanwhile. */
  private async resume(): Promise<void> {
    const merging = this.merging!;
    await merging.done;
    this.merging = undefined;
    if (merging.failure) throw merging.failure;
    this.current = {
      collection: merging.collection,
      copy: this.ledger.copyIntoStaging(this.sql, merging.collection),
    };
    if (this.parkedBytes > 0) await this.send(this.parking!.subarray(0, this.parkedBytes));
    this.parkedBytes = 0;
    await this.flush();
  }

  /** Moves the pending lines to the parking buffer; false when they do not fit, and stay pending. */
  private park(): boolean {
    this.parking ??= Buffer.allocUnsafe(HELD_WHILE_MERGING);
    if (this.parkedBytes + Buffer.byteLength(this.pending) > this.parking.length) return false;
    this.parkedBytes += this.parking.write(this.pending, this.parkedBytes);
    this.pending = '';
    return true;
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
    if (this.merging) await this.resume();
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
    await this.merging?.done;
    this.merging = undefined;
    const copy = this.current?.copy;
    this.current = undefined;
    this.pending = '';
    this.parkedBytes = 0;
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
    const chunk = this.pending;
    this.pending = '';
    if (chunk) await this.send(chunk);
  }

  private async send(chunk: string | Buffer): Promise<void> {
    const { copy } = this.current!;
    if (!copy.write(chunk)) await once(copy, 'drain');
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
