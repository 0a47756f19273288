import { Client as PgClient } from 'pg';
import { eventually, TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';
import { ledgerRowCounts, toCsv, toNdjson } from './support/ledger-files';

const IMPORTS = '/api/v1/ledger/imports';

/**
 * A file of one collection is merged into the ledger in parts while the rest of it still streams in
 * (RECERT_IMPORT_MERGE_ROWS, here 2 rows): the same result as a whole, and still nothing written when a
 * later line is refused.
 */
describe('ledger files merged in parts', () => {
  let recert: TestRecert;
  let migratedIndexes: { definition: string }[];
  const csv = (collection: string, body: string, query = '') =>
    recert.upload(`${IMPORTS}?collection=${collection}${query}`, 'text/csv', body);

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false, env: { RECERT_IMPORT_MERGE_ROWS: '2' } });
    migratedIndexes = await assignmentIndexes();
    const doc = smallLedger();
    for (const collection of ['identities', 'applications', 'permissions', 'accounts'] as const) {
      await csv(collection, toCsv(doc[collection])).expect(200);
    }
  });
  afterAll(() => recert.close());

  const rowCounts = () => ledgerRowCounts(recert);
  const assignments = () => smallLedger().assignments;
  /** The assignment table's indexes and constraints, as PostgreSQL prints their definitions. */
  const assignmentIndexes = () =>
    recert.query<{ definition: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = 'assignment'::regclass
       UNION ALL
       SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'assignment'::regclass
       ORDER BY 1`,
    );

  it('refuses a key twice in the first part of a first load, whose parts are plain inserts, and writes nothing', async () => {
    expect(await rowCounts()).toMatchObject({ assignment: 0 });
    const rows = assignments();
    const res = await csv(
      'assignments',
      toCsv([rows[0], { ...rows[0], status: 'REVOKED' }, rows[1], rows[2]]),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 3, field: 'key' })]);
    expect(await rowCounts()).toMatchObject({ assignment: 0 });
    expect(await assignmentIndexes()).toEqual(migratedIndexes);

    // Not in parts: a document, and a file that mixes a key twice with an unknown reference (all reported).
    const doc = await recert
      .as('root', 'admin')
      .post(IMPORTS, { assignments: [rows[0], rows[1], { ...rows[0], status: 'REVOKED' }] })
      .expect(400);
    expect(doc.body.errors).toEqual([
      { field: 'assignments[2].key', message: `duplicate key "${rows[0].key}" (also at index 0)` },
    ]);
    const lines = [rows[0], { ...rows[1], identityKey: 'nobody' }, rows[0]].map((row) => ({
      collection: 'assignments',
      row,
    }));
    const mixed = await recert.upload(IMPORTS, 'application/x-ndjson', toNdjson(lines)).expect(400);
    expect(mixed.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'key'],
      [2, 'identityKey'],
    ]);
    expect(await rowCounts()).toMatchObject({ assignment: 0 });
    expect(await assignmentIndexes()).toEqual(migratedIndexes);
  });

  it('merges every part, counts them once, and changes nothing on an identical re-import', async () => {
    const first = await csv('assignments', toCsv(assignments())).expect(200);
    expect(first.body.counts.assignments).toEqual({ received: 8, inserted: 8, updated: 0, removed: 0 });
    // The first load dropped the indexes it can do without, and built them again once loaded.
    expect(migratedIndexes.map((i) => i.definition)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('(identity_id)'),
        expect.stringContaining('(permission_id)'),
      ]),
    );
    expect(await assignmentIndexes()).toEqual(migratedIndexes);
    const stored = await recert.query<{ key: string; identity: string; permission: string; status: string }>(
      `SELECT a.key, i.key AS identity, p.key AS permission, a.status FROM assignment a
       JOIN identity i ON i.id = a.identity_id JOIN permission p ON p.id = a.permission_id ORDER BY a.key`,
    );
    expect(stored).toEqual(
      assignments()
        .map((a) => ({
          key: a.key,
          identity: a.identityKey,
          permission: a.permissionKey,
          status: a.status ?? 'ASSIGNED',
        }))
        .sort((x, y) => x.key.localeCompare(y.key)),
    );
    const again = await csv('assignments', toCsv(assignments())).expect(200);
    expect(again.body.counts.assignments).toEqual({ received: 8, inserted: 0, updated: 0, removed: 0 });

    const revoked = assignments().map((a) => ({ ...a, status: 'REVOKED' }));
    const lines = revoked.map((row) => ({ collection: 'assignments', row }));
    const changed = await recert
      .upload(`${IMPORTS}?collection=assignments`, 'application/x-ndjson', toNdjson(lines))
      .expect(200);
    expect(changed.body.counts.assignments).toMatchObject({ inserted: 0, updated: 7 });
  });

  it.each([
    [
      'an unknown reference on the last line, after parts were merged',
      (rows: Record<string, unknown>[]) => [
        ...rows,
        { key: 'as-late', identityKey: 'nobody', permissionKey: 'crm-user' },
      ],
      10,
      'identityKey',
    ],
    [
      'an unknown reference in the first part',
      (rows: Record<string, unknown>[]) => [
        { key: 'as-early', identityKey: 'bob', permissionKey: 'nope' },
        ...rows,
      ],
      3,
      'permissionKey',
    ],
    [
      'a key twice, in different parts',
      (rows: Record<string, unknown>[]) => [...rows, { ...rows[0] }],
      10,
      'key',
    ],
    [
      'a new key twice in the first part',
      (rows: Record<string, unknown>[]) => [
        { ...rows[0], key: `${assignments()[0].key}-new`, status: 'REVOKED' },
        ...rows,
      ],
      3,
      'key',
    ],
  ])('refuses %s and writes nothing', async (_, file, line, field) => {
    const fresh = assignments().map((a) => ({ ...a, key: `${a.key}-new` }));
    const before = await rowCounts();
    const res = await csv('assignments', toCsv([...fresh.slice(0, 1), ...file(fresh.slice(1))]));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ line, field });
    expect(await rowCounts()).toEqual(before);
  });

  it('removes what a snapshot merged in parts does not contain', async () => {
    const kept = assignments().slice(2);
    const res = await csv('assignments', toCsv(kept), '&mode=snapshot').expect(200);
    expect(res.body.counts.assignments).toMatchObject({ received: 6, removed: 2 });
    const removed = await recert.query<{ key: string }>(
      `SELECT key FROM assignment WHERE removed_import_id IS NOT NULL ORDER BY key`,
    );
    expect(removed.map((r) => r.key)).toEqual(
      assignments()
        .slice(0, 2)
        .map((a) => a.key)
        .sort(),
    );
  });

  /**
   * Uploads `body` as a CSV of `collection` while `table` is locked against writes: the first part's merge
   * waits for the lock, which is let go `readAheadMs` after, while the rest of the file is read meanwhile.
   */
  async function uploadWhileLocked(table: string, collection: string, body: string, readAheadMs = 0) {
    const locker = new PgClient({ connectionString: recert.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table} IN SHARE MODE`);
      const upload = csv(collection, body).then((res) => res);
      await eventually(async () => {
        expect(await recert.lockWaiters()).toHaveLength(1);
        return true;
      });
      await new Promise((resolve) => setTimeout(resolve, readAheadMs));
      await locker.query('COMMIT');
      return await upload;
    } finally {
      await locker.end();
    }
  }

  it('keeps every line read while a part waits to merge', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => ({
      ...assignments()[i % 8],
      key: `held-${i}`,
      status: `waited for the lock, line ${i + 2}`,
    }));
    const res = await uploadWhileLocked('assignment', 'assignments', toCsv(rows));
    expect(res.status).toBe(200);
    expect(res.body.counts.assignments).toMatchObject({ received: 4000, inserted: 4000 });
    const stored = await recert.query<{ key: string; status: string }>(
      `SELECT key, status FROM assignment WHERE key LIKE 'held-%'`,
    );
    expect(new Map(stored.map((r) => [r.key, r.status]))).toEqual(
      new Map(rows.map((r) => [r.key, r.status])),
    );
  });

  it('makes the file wait, and keeps every line, when more arrives during a merge than it holds (8 MB)', async () => {
    // Twelve identities of 1 MB each, and 3 s to read them (about 8 MB a second): the parking fills up.
    const blob = (i: number) => `${i}`.padEnd(1_000_000, 'x');
    const rows = Array.from({ length: 12 }, (_, i) => ({
      key: `big-${i}`,
      displayName: `Big ${i}`,
      attributes: { blob: blob(i) },
    }));
    const res = await uploadWhileLocked('identity', 'identities', toCsv(rows), 3000);
    expect(res.status).toBe(200);
    expect(res.body.counts.identities).toMatchObject({ received: 12, inserted: 12 });
    const stored = await recert.query<{ key: string; blob: string }>(
      `SELECT key, attributes->>'blob' AS blob FROM identity WHERE key LIKE 'big-%'`,
    );
    expect(new Map(stored.map((r) => [r.key, r.blob]))).toEqual(
      new Map(rows.map((r, i) => [r.key, blob(i)])),
    );
  });
});
