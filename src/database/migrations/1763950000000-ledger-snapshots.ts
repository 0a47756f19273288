import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['identity', 'application', 'permission', 'account', 'assignment'];

export class LedgerSnapshots1763950000000 implements MigrationInterface {
  name = 'LedgerSnapshots1763950000000';

  async up(q: QueryRunner): Promise<void> {
    // A row a snapshot no longer contains is kept (campaigns and remediations name it) and marked with the
    // import (timeslot) that removed it; a later import that contains it again clears the mark.
    // Which import wrote or removed a row is provenance, and ledger imports are never deleted: without a
    // foreign key, a million-row import is spared a million trigger checks (a third of its merge, measured).
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN removed_import_id bigint,
                       DROP CONSTRAINT ${table}_import_id_fkey`);
    }
    await q.query(`
      ALTER TABLE ledger_import
        ADD COLUMN mode text NOT NULL DEFAULT 'upsert' CHECK (mode IN ('upsert', 'snapshot')),
        ADD COLUMN snapshot_collection text,
        ADD COLUMN snapshot_application_key text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ledger_import DROP COLUMN mode, DROP COLUMN snapshot_collection,
        DROP COLUMN snapshot_application_key;
    `);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN removed_import_id,
                       ADD CONSTRAINT ${table}_import_id_fkey FOREIGN KEY (import_id) REFERENCES ledger_import (id)`);
    }
  }
}
