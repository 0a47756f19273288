import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemediationEvidence1763880000000 implements MigrationInterface {
  name = 'RemediationEvidence1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        ADD COLUMN remediation_connector text CHECK (remediation_connector IN ('embedded', 'itsm', 'provisioning')),
        ADD COLUMN itsm_instance text;

      ALTER TABLE campaign
        ADD COLUMN decisions_applied_at timestamptz,
        ADD COLUMN decisions_applied_by text;

      -- Remediation rows copy what they remove: the item and the ledger row may be gone when the
      -- ticket closes, and the evidence must still say what was removed.
      CREATE TABLE remediation (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        item_id bigint NOT NULL UNIQUE REFERENCES review_item (id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('revoke', 'update')),
        details jsonb,
        assignment_key text NOT NULL,
        identity_key text NOT NULL,
        application_key text NOT NULL,
        permission_key text NOT NULL,
        account_key text,
        label text NOT NULL,
        type text NOT NULL CHECK (type IN ('embedded', 'itsm', 'provisioning')),
        itsm_instance text,
        assignee_key text,
        status text NOT NULL,
        closed_status smallint NOT NULL DEFAULT -1 CHECK (closed_status IN (-1, 0, 1, 2)),
        attempt int NOT NULL DEFAULT 1,
        order_status text CHECK (order_status IN ('pending', 'executed', 'failed')),
        external_number text,
        external_id text,
        external_url text,
        comment text,
        closed_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        launched_at timestamptz,
        last_polled_at timestamptz,
        poll_count int NOT NULL DEFAULT 0,
        closed_at timestamptz,
        verification text NOT NULL DEFAULT 'pending'
          CHECK (verification IN ('pending', 'verified', 'still_present', 'not_applicable')),
        verified_at timestamptz,
        verified_by_import bigint,
        reopened_count int NOT NULL DEFAULT 0,
        flagged boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX remediation_campaign_idx ON remediation (campaign_id, id);
      CREATE INDEX remediation_open_idx ON remediation (closed_status, id) WHERE closed_status IN (-1, 0);
      CREATE INDEX remediation_assignee_idx ON remediation (assignee_key, id);
      CREATE INDEX remediation_to_verify_idx ON remediation (assignment_key)
        WHERE closed_status = 1 AND verification = 'pending';
      CREATE INDEX remediation_order_idx ON remediation (order_status, id) WHERE type = 'provisioning';

      -- Hash chain of the audit trail. Each entry carries the hash of the one before it, in the order
      -- the entries were appended (seq). The head row is locked by the first append of a transaction
      -- until it commits: appends are serialised, a rolled-back transaction leaves no gap, and the
      -- chain order is the commit order.
      ALTER TABLE audit_event ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;

      CREATE TABLE audit_chain_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        seq bigint NOT NULL,
        hash text NOT NULL
      );

      -- What an entry's hash covers; JSON keeps field boundaries unambiguous.
      CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_array(
          e.seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor, e.action,
          e.object_type, e.object_id, e.campaign_id, e.before, e.after, e.request_id, e.prev_hash
        )::text
      $$;

      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head text := current_setting('recert.audit_head', true);
        last_seq bigint;
        last_hash text;
      BEGIN
        IF head IS NULL OR head = '' THEN
          SELECT h.seq, h.hash INTO last_seq, last_hash FROM audit_chain_head h FOR UPDATE;
        ELSE
          last_seq := split_part(head, ':', 1)::bigint;
          last_hash := split_part(head, ':', 2);
        END IF;
        NEW.seq := last_seq + 1;
        NEW.prev_hash := last_hash;
        NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
        PERFORM set_config('recert.audit_head', NEW.seq || ':' || NEW.hash, true);
        RETURN NEW;
      END $$;

      -- One head update per statement, not per row: a bulk INSERT … SELECT stays one write of the head.
      CREATE FUNCTION audit_event_chain_head() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head text := current_setting('recert.audit_head', true);
      BEGIN
        IF head IS NOT NULL AND head <> '' THEN
          UPDATE audit_chain_head
          SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2);
        END IF;
        RETURN NULL;
      END $$;

      -- Entries written before the chain existed are chained once, in id order: the one sanctioned
      -- rewrite of the trail, before any new entry can be appended.
      ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
      DO $$
      DECLARE
        e audit_event;
        last_seq bigint := 0;
        last_hash text := repeat('0', 64);
      BEGIN
        FOR e IN SELECT * FROM audit_event ORDER BY id LOOP
          e.seq := last_seq + 1;
          e.prev_hash := last_hash;
          e.hash := encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')), 'hex');
          UPDATE audit_event SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
          last_seq := e.seq;
          last_hash := e.hash;
        END LOOP;
        INSERT INTO audit_chain_head (seq, hash) VALUES (last_seq, last_hash);
      END $$;
      ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;
      ALTER TABLE audit_event ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL;
      CREATE UNIQUE INDEX audit_event_seq_idx ON audit_event (seq);

      CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
      CREATE TRIGGER audit_event_chain_head AFTER INSERT ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_chain_head();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_event_chain_head ON audit_event;
      DROP TRIGGER audit_event_chain ON audit_event;
      DROP FUNCTION audit_event_chain_head(), audit_event_chain(), audit_event_canonical(audit_event);
      DROP TABLE audit_chain_head, remediation;
      ALTER TABLE audit_event DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash;
      ALTER TABLE campaign DROP COLUMN decisions_applied_at, DROP COLUMN decisions_applied_by;
      ALTER TABLE application DROP COLUMN remediation_connector, DROP COLUMN itsm_instance;
    `);
  }
}
