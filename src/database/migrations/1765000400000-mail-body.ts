import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The text of each message as it was sent, kept beside its log row so that the console's Mail page shows
 * what a person received whether Recert sent it over SMTP or wrote it to its outbox (where `raw` is kept).
 */
export class MailBody1765000400000 implements MigrationInterface {
  name = 'MailBody1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message ADD COLUMN body_text text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message DROP COLUMN body_text`);
  }
}
