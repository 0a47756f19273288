import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reviewing1763860000000 implements MigrationInterface {
  name = 'Reviewing1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE campaign ADD COLUMN options jsonb NOT NULL DEFAULT '{}';

      ALTER TABLE review_item
        ADD COLUMN mover boolean NOT NULL DEFAULT false,
        ADD COLUMN inactive boolean NOT NULL DEFAULT false,
        ADD COLUMN last_login_at timestamptz,
        ADD COLUMN decision_details jsonb,
        ADD COLUMN draft_decision text CHECK (draft_decision IN ('approve', 'revoke', 'update', 'forward')),
        ADD COLUMN draft_comment text,
        ADD COLUMN draft_payload jsonb,
        ADD COLUMN draft_at timestamptz;

      -- The previous certification of an assignment, for mover detection.
      CREATE INDEX review_item_assignment_history_idx ON review_item (assignment_key, id);
      -- A reviewer's items within one campaign (confirm all, counts, reviewer task progress).
      CREATE INDEX review_item_campaign_reviewer_idx ON review_item (campaign_id, responsible_reviewer_key, status);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX review_item_campaign_reviewer_idx, review_item_assignment_history_idx;
      ALTER TABLE review_item
        DROP COLUMN mover, DROP COLUMN inactive, DROP COLUMN last_login_at, DROP COLUMN decision_details,
        DROP COLUMN draft_decision, DROP COLUMN draft_comment, DROP COLUMN draft_payload, DROP COLUMN draft_at;
      ALTER TABLE campaign DROP COLUMN options;
    `);
  }
}
