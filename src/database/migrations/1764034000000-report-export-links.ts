import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report export is a write (an audit entry), so a browser may no longer start one with a plain GET, which a
 * page of another site can trigger with the session cookie: it first asks for a link (a POST, CSRF-checked),
 * whose token serves once, for one person and one campaign, within a minute. Only the token's SHA-256 is
 * stored, so a read of this table downloads nothing.
 */
export class ReportExportLinks1764034000000 implements MigrationInterface {
  name = 'ReportExportLinks1764034000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_export_link (
        token_hash text PRIMARY KEY,
        subject text NOT NULL,
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX report_export_link_expires_idx ON report_export_link (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_export_link`);
  }
}
