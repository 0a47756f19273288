import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountCampaigns1763980000000 implements MigrationInterface {
  name = 'AccountCampaigns1763980000000';

  async up(q: QueryRunner): Promise<void> {
    // An account item reviews the account itself: its key stands where a right's assignment key does,
    // it has no permission, and an orphan account has no owner identity.
    await q.query(`
      ALTER TABLE campaign DROP CONSTRAINT campaign_type_check,
        ADD CONSTRAINT campaign_type_check CHECK (type IN ('right', 'account'));
      ALTER TABLE review_item ALTER COLUMN permission_key DROP NOT NULL,
        ALTER COLUMN identity_key DROP NOT NULL,
        ADD CONSTRAINT review_item_right_keys_check
          CHECK (kind = 'account' OR (permission_key IS NOT NULL AND identity_key IS NOT NULL));
      ALTER TABLE remediation ADD COLUMN kind text NOT NULL DEFAULT 'right'
          CONSTRAINT remediation_kind_check CHECK (kind IN ('right', 'account')),
        ALTER COLUMN permission_key DROP NOT NULL,
        ALTER COLUMN identity_key DROP NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM campaign WHERE type = 'account';
      ALTER TABLE remediation DROP COLUMN kind,
        ALTER COLUMN permission_key SET NOT NULL,
        ALTER COLUMN identity_key SET NOT NULL;
      ALTER TABLE review_item DROP CONSTRAINT review_item_right_keys_check,
        ALTER COLUMN permission_key SET NOT NULL,
        ALTER COLUMN identity_key SET NOT NULL;
      ALTER TABLE campaign DROP CONSTRAINT campaign_type_check,
        ADD CONSTRAINT campaign_type_check CHECK (type IN ('right'));
    `);
  }
}
