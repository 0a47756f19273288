import { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignPriority1763970000000 implements MigrationInterface {
  name = 'CampaignPriority1763970000000';

  async up(q: QueryRunner): Promise<void> {
    // 1 is the most urgent; reviewers' lists and the administrators' "by priority" order read this index.
    await q.query(`
      ALTER TABLE campaign ADD COLUMN priority smallint NOT NULL DEFAULT 3
        CONSTRAINT campaign_priority_check CHECK (priority BETWEEN 1 AND 5);
      CREATE INDEX campaign_priority_idx ON campaign (priority, due_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaign DROP COLUMN priority`);
  }
}
