import { MigrationInterface, QueryRunner } from 'typeorm';

export class Policies1763890000000 implements MigrationInterface {
  name = 'Policies1763890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Seed 002's recertification policy. Scopes and the workflow strategy are stored as validated JSON;
      -- they are compiled to SQL through an allow-list whenever they are used.
      CREATE TABLE policy (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,100}$'),
        name text NOT NULL CHECK (char_length(name) >= 4),
        description text NOT NULL DEFAULT '',
        active boolean NOT NULL,
        identity_scope jsonb NOT NULL,
        role_assignment_scope jsonb NOT NULL,
        recertification_period text,
        campaign_execution_plan jsonb,
        workflow_strategy jsonb NOT NULL,
        owner_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE campaign ADD COLUMN policy_id text;
      CREATE INDEX campaign_policy_idx ON campaign (policy_id) WHERE policy_id IS NOT NULL;
      CREATE INDEX assignment_last_certified_idx ON assignment (last_certified_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX assignment_last_certified_idx;
      ALTER TABLE campaign DROP COLUMN policy_id;
      DROP TABLE policy;
    `);
  }
}
