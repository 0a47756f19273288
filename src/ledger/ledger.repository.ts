import type { Writable } from 'node:stream';
import { copyTextLine } from '../database/copy-text';
import { Sql } from '../database/database';
import { containing } from '../database/like-pattern';
import { LEDGER_COLLECTIONS, LedgerCollection, Snapshot } from './ledger-import.schema';

type SqlType = 'text' | 'boolean' | 'timestamptz' | 'jsonb';
export type Target = 'identity' | 'application' | 'permission' | 'account';

interface Column {
  field: string;
  column: string;
  type: SqlType;
  /** The column holds the id of the row in `ref` whose key is the field's value. */
  ref?: Target;
  /** Keeps the later of the stored and the imported value (an import never un-certifies). */
  latest?: boolean;
}

interface CollectionSpec {
  table: Target | 'assignment';
  columns: Column[];
}

/** Fixed mapping from import fields to columns: the only identifiers that reach the SQL text. */
export const LEDGER_SPECS: Record<LedgerCollection, CollectionSpec> = {
  identities: {
    table: 'identity',
    columns: [
      { field: 'displayName', column: 'display_name', type: 'text' },
      { field: 'email', column: 'email', type: 'text' },
      { field: 'department', column: 'department', type: 'text' },
      { field: 'jobTitle', column: 'job_title', type: 'text' },
      { field: 'type', column: 'type', type: 'text' },
      { field: 'status', column: 'status', type: 'text' },
      { field: 'attributes', column: 'attributes', type: 'jsonb' },
    ],
  },
  applications: {
    table: 'application',
    columns: [
      { field: 'name', column: 'name', type: 'text' },
      { field: 'ownerKey', column: 'owner_id', type: 'text', ref: 'identity' },
      { field: 'remediationConnector', column: 'remediation_connector', type: 'text' },
      { field: 'itsmInstance', column: 'itsm_instance', type: 'text' },
    ],
  },
  permissions: {
    table: 'permission',
    columns: [
      { field: 'applicationKey', column: 'application_id', type: 'text', ref: 'application' },
      { field: 'name', column: 'name', type: 'text' },
      { field: 'kind', column: 'kind', type: 'text' },
      { field: 'ownerKey', column: 'owner_id', type: 'text', ref: 'identity' },
      { field: 'critical', column: 'critical', type: 'boolean' },
    ],
  },
  accounts: {
    table: 'account',
    columns: [
      { field: 'applicationKey', column: 'application_id', type: 'text', ref: 'application' },
      { field: 'login', column: 'login', type: 'text' },
      { field: 'ownerKey', column: 'owner_id', type: 'text', ref: 'identity' },
      { field: 'status', column: 'status', type: 'text' },
      { field: 'lastLoginAt', column: 'last_login_at', type: 'timestamptz' },
    ],
  },
  assignments: {
    table: 'assignment',
    columns: [
      { field: 'identityKey', column: 'identity_id', type: 'text', ref: 'identity' },
      { field: 'permissionKey', column: 'permission_id', type: 'text', ref: 'permission' },
      { field: 'accountKey', column: 'account_id', type: 'text', ref: 'account' },
      { field: 'origin', column: 'origin', type: 'text' },
      { field: 'compliance', column: 'compliance', type: 'text' },
      { field: 'status', column: 'status', type: 'text' },
      { field: 'frozen', column: 'frozen', type: 'boolean' },
      { field: 'strict', column: 'strict', type: 'boolean' },
      { field: 'assignedAt', column: 'assigned_at', type: 'timestamptz' },
      { field: 'lastCertifiedAt', column: 'last_certified_at', type: 'timestamptz', latest: true },
    ],
  },
};

/** What `setAsideIndexes` dropped: the statements that build it again, and whether the unique key is among it. */
export interface SetAside {
  statements: string[];
  uniqueKey: boolean;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/** The temporary table an import stages a collection in, until its transaction ends. */
export const staging = (collection: LedgerCollection) => `staged_${collection}`;

// Imports run one at a time (see `lockImports`).
const IMPORT_LOCK = 727_276;

export class LedgerRepository {
  /** A new import, numbered: its id is the ledger's timeslot that campaigns launched after it record. */
  async createImport(sql: Sql, actor: string, snapshot: Snapshot | null): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO ledger_import (imported_by, counts, mode, snapshot_collection, snapshot_application_key)
       VALUES ($1, '{}', $2, $3, $4) RETURNING id`,
      [
        actor,
        snapshot ? 'snapshot' : 'upsert',
        snapshot?.collection ?? null,
        snapshot?.applicationKey ?? null,
      ],
    );
    return row!.id;
  }

  /**
   * Until the transaction ends, no other import runs: imports are the only writers of new ledger rows, so
   * a table an import found empty holds only what that import inserted.
   */
  async lockImports(sql: Sql): Promise<void> {
    await sql.rows(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_LOCK]);
  }

  /** The collections whose table has no row at all, not even a removed one. */
  async emptyTables(sql: Sql): Promise<Set<LedgerCollection>> {
    const row = await sql.one<Record<LedgerCollection, boolean>>(
      `SELECT ${LEDGER_COLLECTIONS.map((c) => `NOT EXISTS (SELECT 1 FROM ${LEDGER_SPECS[c].table}) AS ${c}`).join(', ')}`,
    );
    return new Set(LEDGER_COLLECTIONS.filter((c) => row![c]));
  }

  /**
   * Drops the table's indexes that a load can do without and returns the statements that build them again:
   * those that enforce nothing, and the unique constraint on `key`, whose building checks the keys. Indexes
   * built in one sort of the loaded table cost a fraction of keeping them up to date row by row: for a
   * million assignments (psql), about 2 s to build the three, about 7 s to maintain them during the insert.
   */
  async setAsideIndexes(sql: Sql, table: Target | 'assignment'): Promise<SetAside> {
    const indexes = await sql.rows<{ drop: string; build: string; key: boolean }>(
      `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS build,
              false AS key
         FROM pg_index i
        WHERE i.indrelid = $1::regclass AND NOT i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       UNION ALL
       SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                     pg_get_constraintdef(c.oid)),
              true
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = 'key'
        WHERE c.conrelid = $1::regclass AND c.contype = 'u' AND c.conkey = ARRAY[a.attnum]`,
      [table],
    );
    for (const { drop } of indexes) await sql.rows(drop);
    return { statements: indexes.map((i) => i.build), uniqueKey: indexes.some((i) => i.key) };
  }

  /** Runs the statements `setAsideIndexes` returned. */
  async buildIndexes(sql: Sql, statements: string[]): Promise<void> {
    for (const statement of statements) await sql.rows(statement);
  }

  async finishImport(sql: Sql, importId: string, counts: object): Promise<void> {
    await sql.rows(`UPDATE ledger_import SET counts = $2 WHERE id = $1`, [importId, JSON.stringify(counts)]);
  }

  /** Parses the collection once into a temporary table that the checks and the upsert read. */
  async stage(sql: Sql, collection: LedgerCollection, rows: object[]): Promise<void> {
    await sql.rows(
      `CREATE TEMP TABLE ${staging(collection)} ON COMMIT DROP AS
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(${stagingDefinition(collection)})`,
      [JSON.stringify(rows.map((r, idx) => ({ ...r, idx })))],
    );
    await this.analyzeStaging(sql, collection);
  }

  /** An empty staging table, for `copyIntoStaging`. */
  async createStaging(sql: Sql, collection: LedgerCollection): Promise<void> {
    await sql.rows(
      `CREATE TEMP TABLE ${staging(collection)} (${stagingDefinition(collection)}) ON COMMIT DROP`,
    );
  }

  /** A COPY into the staging table: write `stagingLine`s to it, then end it. */
  copyIntoStaging(sql: Sql, collection: LedgerCollection): Writable {
    const names = ['idx', ...stagedColumns(collection).map((c) => `"${c.field}"`)];
    return sql.copyIn(`COPY ${staging(collection)} (${names.join(', ')}) FROM STDIN`);
  }

  /** One validated record as a line of COPY's text format, in the staging table's column order. */
  stagingLine(collection: LedgerCollection, idx: number, row: Record<string, unknown>): string {
    return copyTextLine([idx, ...stagedColumns(collection).map((c) => row[c.field])]);
  }

  /**
   * Statistics from a small sample (statistics target 10: 3,000 rows), enough for the plans that read
   * staging: a part is a range of `idx` that stale statistics put outside the table, estimated at one
   * row, and planned as nested loops over every reference (2.5 times slower). The default sample of 30,000
   * rows cost PostgreSQL a tenth of each part's merge.
   */
  async analyzeStaging(sql: Sql, collection: LedgerCollection): Promise<void> {
    await sql.rows(`SET LOCAL default_statistics_target = 10`);
    await sql.rows(`ANALYZE ${staging(collection)}`);
    await sql.rows(`RESET default_statistics_target`);
  }

  /** Staged rows whose key an earlier staged row already has, with that row's index. */
  async duplicateKeys(
    sql: Sql,
    collection: LedgerCollection,
    limit: number,
  ): Promise<{ idx: number; key: string; first: number }[]> {
    return sql.rows(
      `WITH dup AS (SELECT key FROM ${staging(collection)} GROUP BY key HAVING count(*) > 1)
       SELECT idx, key, first FROM (
         SELECT s.idx, s.key, min(s.idx) OVER (PARTITION BY s.key) AS first
         FROM ${staging(collection)} s JOIN dup USING (key)
       ) d WHERE idx <> first ORDER BY idx LIMIT $1`,
      [limit],
    );
  }

  /**
   * Staged rows whose `field` names a key neither in `target` nor, when `alsoStaged`, among the rows
   * this import stages for it.
   */
  async unknownReferences(
    sql: Sql,
    collection: LedgerCollection,
    field: string,
    target: Target,
    alsoStaged: LedgerCollection | null,
    limit: number,
  ): Promise<{ idx: number; value: string }[]> {
    const staged = alsoStaged
      ? `AND NOT EXISTS (SELECT 1 FROM ${staging(alsoStaged)} p WHERE p.key = s."${field}")`
      : '';
    return sql.rows(
      `SELECT s.idx, s."${field}" AS value FROM ${staging(collection)} s
       WHERE s."${field}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.key = s."${field}")
       ${staged}
       ORDER BY s.idx LIMIT $1`,
      [limit],
    );
  }

  /** Staged applications naming an ITSM instance that is not among `codes`. */
  async unknownItsmInstances(
    sql: Sql,
    codes: string[],
    limit: number,
  ): Promise<{ idx: number; value: string }[]> {
    return sql.rows(
      `SELECT idx, "itsmInstance" AS value FROM ${staging('applications')}
       WHERE "itsmInstance" IS NOT NULL AND NOT ("itsmInstance" = ANY($1::text[]))
       ORDER BY idx LIMIT $2`,
      [codes, limit],
    );
  }

  /**
   * Inserts new rows and updates only rows that differ, so an identical re-import writes nothing. With
   * `rows.upTo`, only the staged rows after `after` up to `upTo` whose references all resolve: a part
   * merged while the rest of the file still streams in; what it leaves out the import's checks report.
   * With `rows.allNew` (the table was empty when the import began, see `emptyTables`) every row is new:
   * a plain insert, without the speculative insertion of `ON CONFLICT`, which cost a third of a first
   * million-row load. A key twice then fails the insert (unique violation), or, while a first load has
   * set the unique key aside (see `setAsideIndexes`), is left to the import's checks.
   */
  async upsert(
    sql: Sql,
    collection: LedgerCollection,
    importId: string,
    rows: { after: number; upTo?: number; allNew?: boolean } = { after: -1 },
  ): Promise<UpsertCounts> {
    const { table, columns } = LEDGER_SPECS[collection];
    const refs = columns.filter((c) => c.ref);
    const joins = refs
      .map((c) => `LEFT JOIN ${c.ref} r_${c.column} ON r_${c.column}.key = s."${c.field}"`)
      .join('\n');
    const part =
      rows.upTo === undefined
        ? ''
        : `AND s.idx <= $3 ${refs.map((c) => `AND (s."${c.field}" IS NULL OR r_${c.column}.id IS NOT NULL)`).join(' ')}`;
    const values = columns.map((c) => (c.ref ? `r_${c.column}.id` : `s."${c.field}"`));
    const names = columns.map((c) => c.column);
    const incoming = columns.map((c) =>
      c.latest ? `greatest(EXCLUDED.${c.column}, ${table}.${c.column})` : `EXCLUDED.${c.column}`,
    );
    const onConflict = rows.allNew
      ? ''
      : `ON CONFLICT (key) DO UPDATE SET
           ${names.map((n, k) => `${n} = ${incoming[k]}`).join(', ')}, import_id = EXCLUDED.import_id,
           removed_import_id = NULL, updated_at = now()
         WHERE (${names.map((n) => `${table}.${n}`).join(', ')})
               IS DISTINCT FROM (${incoming.join(', ')})
            OR ${table}.removed_import_id IS NOT NULL`;
    const row = await sql.one<{ inserted: string; updated: string }>(
      `WITH up AS (
         INSERT INTO ${table} (key, ${names.join(', ')}, import_id)
         SELECT s.key, ${values.join(', ')}, $1 FROM ${staging(collection)} s
         ${joins}
         WHERE s.idx > $2 ${part}
         ${onConflict}
         RETURNING (xmax = 0) AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM up`,
      rows.upTo === undefined ? [importId, rows.after] : [importId, rows.after, rows.upTo],
    );
    return { inserted: Number(row!.inserted), updated: Number(row!.updated) };
  }

  /**
   * Marks removed, by this import, the rows of a snapshotted collection (of one application, if named) that
   * the snapshot does not contain; a removed identity is also made inactive. Returns how many.
   */
  async removeAbsent(sql: Sql, snapshot: Snapshot, importId: string): Promise<number> {
    const { table } = LEDGER_SPECS[snapshot.collection];
    const params: unknown[] = [importId];
    let ofApplication = '';
    if (snapshot.applicationKey) {
      params.push(snapshot.applicationKey);
      const application = `(SELECT id FROM application WHERE key = $2)`;
      ofApplication =
        table === 'assignment'
          ? `AND t.permission_id IN (SELECT id FROM permission WHERE application_id = ${application})`
          : `AND t.application_id = ${application}`;
    }
    const row = await sql.one<{ n: string }>(
      `WITH removed AS (
         UPDATE ${table} t SET removed_import_id = $1, updated_at = now()
           ${table === 'identity' ? `, status = 'inactive'` : ''}
         WHERE t.removed_import_id IS NULL ${ofApplication}
           AND NOT EXISTS (SELECT 1 FROM ${staging(snapshot.collection)} s WHERE s.key = t.key)
         RETURNING 1
       )
       SELECT count(*) AS n FROM removed`,
      params,
    );
    return Number(row!.n);
  }

  /** Staged rows (once written) that are not of `applicationKey`: a snapshot of one application holds only its own. */
  async outsideApplication(
    sql: Sql,
    collection: LedgerCollection,
    applicationKey: string,
    limit: number,
  ): Promise<{ idx: number; value: string }[]> {
    const { table } = LEDGER_SPECS[collection];
    const applicationOf =
      table === 'assignment'
        ? `(SELECT p.application_id FROM permission p WHERE p.id = t.permission_id)`
        : 't.application_id';
    return sql.rows(
      `SELECT s.idx, ap.key AS value FROM ${staging(collection)} s
       JOIN ${table} t ON t.key = s.key
       JOIN application ap ON ap.id = ${applicationOf}
       WHERE ap.key <> $1
       ORDER BY s.idx LIMIT $2`,
      [applicationKey, limit],
    );
  }

  async applicationExists(sql: Sql, key: string): Promise<boolean> {
    return (await sql.one(`SELECT 1 FROM application WHERE key = $1`, [key])) !== undefined;
  }

  /**
   * Sets each staged identity's manager; run after all identities exist, as managers may come later.
   * Returns how many rows this changed that the upsert had not already written in this transaction.
   */
  async linkManagers(sql: Sql, importId: string): Promise<number> {
    const row = await sql.one<{ n: string }>(
      `WITH linked AS (
         UPDATE identity i SET manager_id = m.id, import_id = $1, updated_at = now()
         FROM ${staging('identities')} s
         JOIN identity prev ON prev.key = s.key
         LEFT JOIN identity m ON m.key = s."managerKey"
         WHERE i.key = s.key AND i.manager_id IS DISTINCT FROM m.id
         RETURNING prev.xmin <> pg_current_xact_id()::xid AS untouched
       )
       SELECT count(*) FILTER (WHERE untouched) AS n FROM linked`,
      [importId],
    );
    return Number(row!.n);
  }
}

const MANAGER_FIELD: Column = { field: 'managerKey', column: 'manager_id', type: 'text' };

/** The fields a staging table holds after its `idx`: the key, the mapped columns, an identity's manager. */
function stagedColumns(collection: LedgerCollection): { field: string; type: SqlType }[] {
  const extra = collection === 'identities' ? [MANAGER_FIELD] : [];
  return [{ field: 'key', type: 'text' }, ...LEDGER_SPECS[collection].columns, ...extra];
}

/** A staging table's columns: the row's index (or file line), then its fields as typed columns. */
function stagingDefinition(collection: LedgerCollection): string {
  return ['idx int', ...stagedColumns(collection).map((c) => `"${c.field}" ${c.type}`)].join(', ');
}

export interface PersonRow {
  key: string;
  display_name: string;
  email: string | null;
  status: string;
}

export type PersonListing = PersonRow & { department: string | null; job_title: string | null };

export class LedgerLookupRepository {
  /** The identity a sign-in names, by key or by e-mail address (case-insensitive, as providers send it). */
  async person(sql: Sql, by: 'key' | 'email', value: string): Promise<PersonRow | undefined> {
    const where = by === 'key' ? 'key = $1' : 'lower(email) = lower($1)';
    // Two identities sharing an address name nobody: the sign-in is refused rather than guessed.
    const rows = await sql.rows<PersonRow>(
      `SELECT key, display_name, email, status FROM identity WHERE ${where} ORDER BY key LIMIT 2`,
      [value],
    );
    return rows.length === 1 ? rows[0] : undefined;
  }

  /**
   * Active identities whose key or name contains `filter`, and whose e-mail address contains it, or with
   * `email: 'whole'` is it (case-insensitive) (type-ahead, development sign-in).
   */
  async searchPeople(
    sql: Sql,
    filter: string,
    limit: number,
    email: 'part' | 'whole' = 'part',
  ): Promise<PersonListing[]> {
    const byEmail = email === 'part' ? 'email ILIKE $1' : 'lower(email) = lower($3)';
    return sql.rows<PersonListing>(
      `SELECT key, display_name, email, status, department, job_title FROM identity
        WHERE status = 'active' AND (key ILIKE $1 OR display_name ILIKE $1 OR ${byEmail})
        ORDER BY display_name, key LIMIT $2`,
      email === 'part' ? [containing(filter), limit] : [containing(filter), limit, filter],
    );
  }

  async identityStatus(sql: Sql, key: string): Promise<string | undefined> {
    const row = await sql.one<{ status: string }>(`SELECT status FROM identity WHERE key = $1`, [key]);
    return row?.status;
  }

  /** Which of `keys` are active identities. */
  async activeIdentities(sql: Sql, keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await sql.rows<{ key: string }>(
      `SELECT key FROM identity WHERE key = ANY($1::text[]) AND status = 'active'`,
      [keys],
    );
    return rows.map((r) => r.key);
  }

  /** Which of `keys` have no row in `table` (one of the ledger tables named in code, never by users). */
  async unknownKeys(sql: Sql, table: Target, keys: string[]): Promise<string[]> {
    const rows = await sql.rows<{ key: string }>(
      `SELECT k AS key FROM unnest($1::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.key = k)`,
      [keys],
    );
    return rows.map((r) => r.key);
  }
}
