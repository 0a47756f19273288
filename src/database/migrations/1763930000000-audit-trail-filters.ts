import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTrailFilters1763930000000 implements MigrationInterface {
  name = 'AuditTrailFilters1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The console's audit trail page: one person's actions, and a time window, newest first.
      CREATE INDEX audit_event_actor_idx ON audit_event (actor, id);
      CREATE INDEX audit_event_at_idx ON audit_event (at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_event_at_idx, audit_event_actor_idx;`);
  }
}
