import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLimits1763910000000 implements MigrationInterface {
  name = 'RequestLimits1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- An Idempotency-Key reused with another body is refused (422), not answered with the first campaign.
      ALTER TABLE campaign ADD COLUMN request_hash text;
      -- The per-recipient daily cap on chasing mail counts what one person was sent in the last 24 hours.
      CREATE INDEX mail_message_recipient_sent_idx ON mail_message (recipient_key, sent_at) WHERE status = 'sent';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX mail_message_recipient_sent_idx;
      ALTER TABLE campaign DROP COLUMN request_hash;
    `);
  }
}
