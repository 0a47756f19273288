import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An assignment's references to its identity, permission and account were foreign keys: PostgreSQL checks
 * those row by row, which was more than half the time of importing a million assignments. The same rule
 * is now checked once per statement, over all the rows it wrote, by an anti-join with the referenced
 * table; deleting a referenced row is refused the same way. Ledger rows are never deleted by Recert (a
 * snapshot marks them removed), so the row locks a foreign key takes against a concurrent delete are not
 * needed; ids never change.
 */
export class SetBasedAssignmentReferences1763990000000 implements MigrationInterface {
  name = 'SetBasedAssignmentReferences1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assignment DROP CONSTRAINT assignment_identity_id_fkey,
        DROP CONSTRAINT assignment_permission_id_fkey, DROP CONSTRAINT assignment_account_id_fkey;

      CREATE FUNCTION assignment_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE missing record;
      BEGIN
        SELECT n.key, CASE WHEN i.id IS NULL THEN 'identity ' || n.identity_id
                           WHEN p.id IS NULL THEN 'permission ' || n.permission_id
                           ELSE 'account ' || n.account_id END AS what
          INTO missing
          FROM written n
          LEFT JOIN identity i ON i.id = n.identity_id
          LEFT JOIN permission p ON p.id = n.permission_id
          LEFT JOIN account ac ON ac.id = n.account_id
         WHERE i.id IS NULL OR p.id IS NULL OR (n.account_id IS NOT NULL AND ac.id IS NULL)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'assignment % refers to % which does not exist', missing.key, missing.what
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER assignment_references_on_insert AFTER INSERT ON assignment
        REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION assignment_references_check();
      CREATE TRIGGER assignment_references_on_update AFTER UPDATE ON assignment
        REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION assignment_references_check();

      CREATE FUNCTION assignment_referenced_delete_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM assignment a JOIN deleted d
            ON d.id = CASE TG_TABLE_NAME WHEN 'identity' THEN a.identity_id
                                          WHEN 'permission' THEN a.permission_id
                                          ELSE a.account_id END
        ) THEN
          RAISE EXCEPTION 'a deleted % is still referenced by an assignment', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER identity_assignments_on_delete AFTER DELETE ON identity
        REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION assignment_referenced_delete_check();
      CREATE TRIGGER permission_assignments_on_delete AFTER DELETE ON permission
        REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION assignment_referenced_delete_check();
      CREATE TRIGGER account_assignments_on_delete AFTER DELETE ON account
        REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION assignment_referenced_delete_check();

      CREATE FUNCTION ledger_id_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%.id never changes', TG_TABLE_NAME;
      END $$;
      CREATE TRIGGER identity_id_immutable BEFORE UPDATE OF id ON identity
        FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION ledger_id_immutable();
      CREATE TRIGGER permission_id_immutable BEFORE UPDATE OF id ON permission
        FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION ledger_id_immutable();
      CREATE TRIGGER account_id_immutable BEFORE UPDATE OF id ON account
        FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION ledger_id_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER identity_id_immutable ON identity;
      DROP TRIGGER permission_id_immutable ON permission;
      DROP TRIGGER account_id_immutable ON account;
      DROP FUNCTION ledger_id_immutable();
      DROP TRIGGER identity_assignments_on_delete ON identity;
      DROP TRIGGER permission_assignments_on_delete ON permission;
      DROP TRIGGER account_assignments_on_delete ON account;
      DROP FUNCTION assignment_referenced_delete_check();
      DROP TRIGGER assignment_references_on_insert ON assignment;
      DROP TRIGGER assignment_references_on_update ON assignment;
      DROP FUNCTION assignment_references_check();
      ALTER TABLE assignment ADD CONSTRAINT assignment_identity_id_fkey FOREIGN KEY (identity_id) REFERENCES identity (id),
        ADD CONSTRAINT assignment_permission_id_fkey FOREIGN KEY (permission_id) REFERENCES permission (id),
        ADD CONSTRAINT assignment_account_id_fkey FOREIGN KEY (account_id) REFERENCES account (id);
    `);
  }
}
