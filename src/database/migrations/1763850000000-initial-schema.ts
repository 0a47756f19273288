import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763850000000 implements MigrationInterface {
  name = 'InitialSchema1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_import (
        id bigserial PRIMARY KEY,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by text NOT NULL,
        counts jsonb NOT NULL
      );

      CREATE TABLE identity (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        display_name text NOT NULL,
        email text,
        manager_id bigint REFERENCES identity (id),
        department text,
        job_title text,
        type text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'inactive')),
        attributes jsonb NOT NULL DEFAULT '{}',
        import_id bigint REFERENCES ledger_import (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE application (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        owner_id bigint REFERENCES identity (id),
        import_id bigint REFERENCES ledger_import (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE permission (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        application_id bigint NOT NULL REFERENCES application (id),
        name text NOT NULL,
        kind text NOT NULL,
        owner_id bigint REFERENCES identity (id),
        critical boolean NOT NULL DEFAULT false,
        import_id bigint REFERENCES ledger_import (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE account (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        application_id bigint NOT NULL REFERENCES application (id),
        login text NOT NULL,
        owner_id bigint REFERENCES identity (id),
        status text NOT NULL,
        last_login_at timestamptz,
        import_id bigint REFERENCES ledger_import (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE assignment (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        identity_id bigint NOT NULL REFERENCES identity (id),
        permission_id bigint NOT NULL REFERENCES permission (id),
        account_id bigint REFERENCES account (id),
        origin text NOT NULL CHECK (origin IN ('policy', 'manual')),
        compliance text NOT NULL CHECK (compliance IN ('compliant', 'non_compliant', 'unknown')),
        status text NOT NULL,
        frozen boolean NOT NULL DEFAULT false,
        strict boolean NOT NULL DEFAULT false,
        assigned_at timestamptz,
        last_certified_at timestamptz,
        import_id bigint REFERENCES ledger_import (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX assignment_permission_idx ON assignment (permission_id);
      CREATE INDEX assignment_identity_idx ON assignment (identity_id);

      CREATE SEQUENCE campaign_number_seq;

      CREATE TABLE campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        type text NOT NULL CHECK (type IN ('right')),
        status text NOT NULL
          CHECK (status IN ('init', 'active', 'paused', 'finalizing', 'closed', 'cancelled')),
        owner_key text NOT NULL,
        due_at timestamptz NOT NULL,
        scope jsonb NOT NULL,
        reviewers jsonb NOT NULL,
        on_due_date text NOT NULL CHECK (on_due_date IN ('not_reviewed', 'approve', 'revoke')),
        ledger_import_id bigint REFERENCES ledger_import (id),
        workflow_id text NOT NULL UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        paused_at timestamptz,
        finalizing_at timestamptz,
        closed_at timestamptz,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (owner_key, idempotency_key)
      );
      CREATE INDEX campaign_created_idx ON campaign (created_at DESC, id DESC);

      -- Items copy what they show (labels, keys, the owner's characteristics): the ledger rows may
      -- change or vanish later, and the evidence must still read as it did at launch.
      CREATE TABLE review_item (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('right', 'account')),
        assignment_id bigint,
        assignment_key text NOT NULL,
        identity_key text NOT NULL,
        application_key text NOT NULL,
        permission_key text NOT NULL,
        account_key text,
        label text NOT NULL,
        owner_snapshot jsonb NOT NULL,
        accountable_reviewer_key text NOT NULL,
        responsible_reviewer_key text NOT NULL,
        reviewer_origin text NOT NULL,
        recommendation text NOT NULL CHECK (recommendation IN ('recommended', 'not_recommended', 'none')),
        status text NOT NULL DEFAULT 'to_be_reviewed'
          CHECK (status IN ('to_be_reviewed', 'ok', 'revoke', 'update', 'reassign', 'not_reviewed')),
        comment text,
        decided_by text,
        decided_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, assignment_key)
      );
      CREATE INDEX review_item_inbox_idx ON review_item (responsible_reviewer_key, id);
      CREATE INDEX review_item_campaign_status_idx ON review_item (campaign_id, status);

      -- No foreign keys: the trail outlives the campaigns and ledger rows it talks about.
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        object_type text NOT NULL,
        object_id text NOT NULL,
        campaign_id uuid,
        before jsonb,
        after jsonb,
        request_id text
      );
      CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id);
      CREATE INDEX audit_event_campaign_idx ON audit_event (campaign_id) WHERE campaign_id IS NOT NULL;

      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_event, review_item, campaign, assignment, account, permission, application,
        identity, ledger_import;
      DROP SEQUENCE campaign_number_seq;
      DROP FUNCTION audit_event_append_only();
    `);
  }
}
