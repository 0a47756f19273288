import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statement-level check of an assignment's references (see SetBasedAssignmentReferences) had its
 * lookup planned once per connection, and for the first row (its `LIMIT 1`): nested loops of index probes,
 * 4.2 s of inserting a million assignments. It is now planned for each statement, knowing how many rows
 * the statement wrote (index probes for one row, hash joins for a million), and over all of them: 0.5 s for
 * a million (psql, PostgreSQL 15).
 */
export class AssignmentReferencesPlannedPerStatement1764010000000 implements MigrationInterface {
  name = 'AssignmentReferencesPlannedPerStatement1764010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION assignment_references_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE missing record;
      DECLARE unresolved_rows bigint;
      BEGIN
        EXECUTE $q$
          WITH unresolved AS MATERIALIZED (
            SELECT n.key, CASE WHEN i.id IS NULL THEN 'identity ' || n.identity_id
                               WHEN p.id IS NULL THEN 'permission ' || n.permission_id
                               ELSE 'account ' || n.account_id END AS what
              FROM written n
              LEFT JOIN identity i ON i.id = n.identity_id
              LEFT JOIN permission p ON p.id = n.permission_id
              LEFT JOIN account ac ON ac.id = n.account_id
             WHERE i.id IS NULL OR p.id IS NULL OR (n.account_id IS NOT NULL AND ac.id IS NULL))
          SELECT key, what FROM unresolved LIMIT 1
        $q$ INTO missing;
        GET DIAGNOSTICS unresolved_rows = ROW_COUNT;
        IF unresolved_rows > 0 THEN
          RAISE EXCEPTION 'assignment % refers to % which does not exist', missing.key, missing.what
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION assignment_references_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
      END $fn$;
    `);
  }
}
