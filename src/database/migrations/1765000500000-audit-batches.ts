import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditBatches1765000500000 implements MigrationInterface {
  name = 'AuditBatches1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The transaction that wrote an entry: entries written together (a bulk decision, a confirmation of
      -- many drafts) share it, so the trail can say "1 of 17 decided together". Set by default, not by the
      -- writers, and added without a default first so existing entries stay apart (null) rather than all
      -- taking the migration's own transaction. Outside the hash: it groups entries, it attests nothing.
      ALTER TABLE audit_event ADD COLUMN xact bigint;
      ALTER TABLE audit_event ALTER COLUMN xact SET DEFAULT pg_current_xact_id()::text::bigint;
      CREATE INDEX audit_event_xact_idx ON audit_event (xact) WHERE xact IS NOT NULL;
      -- Everything done through one session or client, in the chain's order.
      CREATE INDEX audit_event_via_idx ON audit_event (via, seq) WHERE via IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_event_via_idx, audit_event_xact_idx;
      ALTER TABLE audit_event DROP COLUMN xact;
    `);
  }
}
