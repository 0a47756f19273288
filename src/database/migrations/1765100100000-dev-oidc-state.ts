import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the embedded development OpenID Provider keeps between requests (its sessions, grants, pending
 * sign-ins, codes, and the roles each person picked), so that a restart of `npm start` signs nobody out.
 * Kept in PostgreSQL rather than a file in DATA_DIR: several API processes on one database share it, and
 * it goes with the database it was issued for. Rows past `expires_at` are never read and are swept.
 */
export class DevOidcState1765100100000 implements MigrationInterface {
  name = 'DevOidcState1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dev_oidc_state (
        model text NOT NULL,
        id text NOT NULL,
        payload jsonb NOT NULL,
        grant_id text,
        uid text,
        user_code text,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX dev_oidc_state_grant_idx ON dev_oidc_state (grant_id) WHERE grant_id IS NOT NULL;
      CREATE INDEX dev_oidc_state_uid_idx ON dev_oidc_state (model, uid) WHERE uid IS NOT NULL;
      CREATE INDEX dev_oidc_state_user_code_idx ON dev_oidc_state (model, user_code) WHERE user_code IS NOT NULL;
      CREATE INDEX dev_oidc_state_expiry_idx ON dev_oidc_state (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dev_oidc_state`);
  }
}
