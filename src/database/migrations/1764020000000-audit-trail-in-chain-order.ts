import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail is listed in its hash chain's order (`seq`) instead of by `id`: concurrent appends take
 * their ids before they queue on the chain's head, so a page in id order could show an entry before the
 * one it is chained to. One person's actions are now paged by `seq` too.
 */
export class AuditTrailInChainOrder1764020000000 implements MigrationInterface {
  name = 'AuditTrailInChainOrder1764020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_event_actor_idx;
      CREATE INDEX audit_event_actor_seq_idx ON audit_event (actor, seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_event_actor_seq_idx;
      CREATE INDEX audit_event_actor_idx ON audit_event (actor, id);
    `);
  }
}
