import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailCommitPoint1763940000000 implements MigrationInterface {
  name = 'MailCommitPoint1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- 'committing': the SMTP server holds the whole message and is about to take it, so a retry must not
      -- send it again; 'unconfirmed': the attempt stopped there, and whether it arrived is unknown.
      ALTER TABLE mail_message DROP CONSTRAINT mail_message_status_check,
        ADD CONSTRAINT mail_message_status_check
          CHECK (status IN ('sending', 'committing', 'sent', 'unconfirmed', 'skipped'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE mail_message SET status = 'sent' WHERE status IN ('committing', 'unconfirmed');
      ALTER TABLE mail_message DROP CONSTRAINT mail_message_status_check,
        ADD CONSTRAINT mail_message_status_check CHECK (status IN ('sending', 'sent', 'skipped'));
    `);
  }
}
