import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemediationPolls1763900000000 implements MigrationInterface {
  name = 'RemediationPolls1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Every read of an ITSM ticket (seed 003 keeps the time of each update), for the evidence.
      CREATE TABLE remediation_poll (
        id bigserial PRIMARY KEY,
        remediation_id bigint NOT NULL REFERENCES remediation (id) ON DELETE CASCADE,
        attempt int NOT NULL,
        polled_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL,
        closed_status smallint NOT NULL
      );
      CREATE INDEX remediation_poll_idx ON remediation_poll (remediation_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE remediation_poll`);
  }
}
