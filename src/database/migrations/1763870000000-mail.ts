import { MigrationInterface, QueryRunner } from 'typeorm';

export class Mail1763870000000 implements MigrationInterface {
  name = 'Mail1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- One row per (campaign, recipient, event, occurrence): the claim that makes sending exactly-once.
      CREATE TABLE mail_message (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL,
        recipient_key text NOT NULL,
        event text NOT NULL,
        occurrence text NOT NULL,
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'skipped')),
        recipient_email text,
        subject text,
        detail text,
        message_id text,
        raw text,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (campaign_id, recipient_key, event, occurrence)
      );
      CREATE INDEX mail_message_created_idx ON mail_message (id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_message`);
  }
}
