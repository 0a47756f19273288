import type { Readable, Writable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';

/** The rows of a `COPY … TO STDOUT`, streamed; `release` returns the connection (or drops it, on error). */
export interface CopyOut {
  stream: Readable & { rowCount: number };
  release(failed?: Error): void;
}

/** A connection taken from the pool; repositories receive it so services decide the transaction. */
export class Sql {
  constructor(private readonly runner: QueryRunner) {}

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(text, params, true);
    return result.records as T[];
  }

  async one<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  /**
   * Runs `work` under a savepoint: when it fails in a way `undone` accepts, what it wrote is rolled back,
   * the transaction goes on and the answer is `undefined`.
   */
  async undoable<T>(work: () => Promise<T>, undone: (err: unknown) => boolean): Promise<T | undefined> {
    await this.rows('SAVEPOINT undoable');
    try {
      const result = await work();
      await this.rows('RELEASE SAVEPOINT undoable');
      return result;
    } catch (err) {
      if (!undone(err)) throw err;
      await this.rows('ROLLBACK TO SAVEPOINT undoable');
      return undefined;
    }
  }

  /** A `COPY … FROM STDIN` on this connection (inside its transaction), fed with backpressure. */
  copyIn(text: string): Writable {
    // TypeORM's PostgreSQL runner holds the pg client it took from the pool; TypeORM itself has no COPY.
    const client = (this.runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    return client.query(copyFrom(text));
  }
}

export class Database {
  constructor(readonly dataSource: DataSource) {}

  async run<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await work(new Sql(runner));
    } finally {
      await runner.release();
    }
  }

  /** Answers when PostgreSQL does (readiness probes). */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /**
   * Runs a COPY on a connection of its own (TypeORM has no COPY), so that a large result streams with
   * backpressure instead of being held in memory.
   */
  async copyOut(text: string): Promise<CopyOut> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    return {
      stream: client.query(copyTo(text)),
      // A connection left in the middle of a COPY cannot go back to the pool.
      release: (failed) => client.release(failed),
    };
  }

  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work(new Sql(runner));
      await runner.commitTransaction();
      return result;
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }
}
