import { MigrationInterface, QueryRunner } from 'typeorm';

export class BrowserSessions1763920000000 implements MigrationInterface {
  name = 'BrowserSessions1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A browser on its way to the OpenID Provider: what its return must prove (state, nonce, PKCE).
      -- Used once; the browser holds the state in a cookie, so a callback from another browser fails.
      CREATE TABLE sign_in_attempt (
        state text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a read of
      -- this table signs nobody in. Ended sessions stay for the record (who, from when, how it ended).
      CREATE TABLE browser_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        subject text NOT NULL,
        roles text[] NOT NULL,
        csrf_token text NOT NULL,
        id_token text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        ended_by text
      );
      CREATE INDEX browser_session_open_idx ON browser_session (subject, created_at) WHERE ended_at IS NULL;

      -- The session or OAuth client a change came through ("session:<id>", "client:<id>"). Entries
      -- without it hash as before, so the existing chain still verifies.
      ALTER TABLE audit_event ADD COLUMN via text;
      CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT (jsonb_build_array(
          e.seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor, e.action,
          e.object_type, e.object_id, e.campaign_id, e.before, e.after, e.request_id, e.prev_hash
        ) || CASE WHEN e.via IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e.via) END)::text
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_array(
          e.seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor, e.action,
          e.object_type, e.object_id, e.campaign_id, e.before, e.after, e.request_id, e.prev_hash
        )::text
      $$;
      ALTER TABLE audit_event DROP COLUMN via;
      DROP TABLE browser_session, sign_in_attempt;
    `);
  }
}
