import { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowRecommendation1763960000000 implements MigrationInterface {
  name = 'FollowRecommendation1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE campaign DROP CONSTRAINT campaign_on_due_date_check,
        ADD CONSTRAINT campaign_on_due_date_check
          CHECK (on_due_date IN ('not_reviewed', 'approve', 'revoke', 'follow_recommendation'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE campaign SET on_due_date = 'not_reviewed' WHERE on_due_date = 'follow_recommendation';
      ALTER TABLE campaign DROP CONSTRAINT campaign_on_due_date_check,
        ADD CONSTRAINT campaign_on_due_date_check CHECK (on_due_date IN ('not_reviewed', 'approve', 'revoke'));
    `);
  }
}
