import { DataSource, QueryRunner } from 'typeorm';

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
