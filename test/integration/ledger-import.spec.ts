import { DomainError } from '../../src/common/domain-error';
import { LedgerLookupRepository, LedgerRepository } from '../../src/ledger/ledger.repository';
import { smallLedger } from '../support/ledger-fixture';
import { useIntegrationDb } from '../support/integration-db';

const db = useIntegrationDb();

const refusal = async (work: Promise<unknown>) => {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
};

const row = async (table: string, key: string) =>
  (await db().query(`SELECT * FROM ${table} WHERE key = $1`, [key]))[0];

describe('ledger import (LedgerRepository through LedgerService)', () => {
  beforeAll(async () => {
    await db().import(smallLedger());
  });

  it('counts a first load as inserts and writes nothing for an identical re-import', async () => {
    const first = await db().query<{ counts: Record<string, { inserted: number }> }>(
      `SELECT counts FROM ledger_import ORDER BY id LIMIT 1`,
    );
    expect(first[0].counts.assignments.inserted).toBe(smallLedger().assignments.length);
    const again = await db().import(smallLedger());
    for (const c of Object.values(again.counts))
      expect([c.inserted, c.updated, c.removed]).toEqual([0, 0, 0]);
  });

  it('updates only the rows that differ, and a manager named before it exists is linked', async () => {
    const alice = smallLedger().identities.find((i) => i.key === 'alice');
    const result = await db().import({
      identities: [
        { ...alice, jobTitle: 'Senior Rep' },
        { key: 'zed', displayName: 'Zed', managerKey: 'zara' },
        { key: 'zara', displayName: 'Zara' },
      ],
    });
    expect(result.counts.identities).toMatchObject({ received: 3, inserted: 2, updated: 1 });
    const zed = await db().query<{ manager: string }>(
      `SELECT m.key AS manager FROM identity i JOIN identity m ON m.id = i.manager_id WHERE i.key = 'zed'`,
    );
    expect(zed).toEqual([{ manager: 'zara' }]);
  });

  it('keeps the later last-certified time: an import never un-certifies', async () => {
    const assignment = { key: 'as-cert', identityKey: 'bob', permissionKey: 'erp-user' };
    await db().import({ assignments: [{ ...assignment, lastCertifiedAt: '2026-06-01T00:00:00Z' }] });
    await db().import({ assignments: [{ ...assignment, lastCertifiedAt: '2025-01-01T00:00:00Z' }] });
    expect((await row('assignment', 'as-cert')).last_certified_at).toEqual(new Date('2026-06-01T00:00:00Z'));
    const unset = await db().import({ assignments: [{ ...assignment, lastCertifiedAt: null }] });
    expect(unset.counts.assignments.updated).toBe(0);
  });

  it('refuses duplicate keys naming the first occurrence, and unknown references, writing nothing', async () => {
    const before = await db().query(`SELECT count(*)::int AS n FROM ledger_import`);
    const dup = await refusal(
      db().import({
        identities: [
          { key: 'dup', displayName: 'One' },
          { key: 'other', displayName: 'Other' },
          { key: 'dup', displayName: 'Two' },
        ],
      }),
    );
    expect(dup.errors).toEqual([
      { field: 'identities[2].key', message: 'duplicate key "dup" (also at index 0)' },
    ]);
    const unknown = await refusal(
      db().import({ assignments: [{ key: 'as-x', identityKey: 'nobody', permissionKey: 'crm-user' }] }),
    );
    expect(unknown.errors?.[0]).toMatchObject({ field: 'assignments[0].identityKey' });
    expect(await db().query(`SELECT count(*)::int AS n FROM ledger_import`)).toEqual(before);
    expect(await row('identity', 'dup')).toBeUndefined();
  });

  it("removes from a snapshot of one application only that application's absent rows", async () => {
    const result = await db().import(
      { permissions: [{ key: 'crm-admin', applicationKey: 'crm', name: 'CRM Admin', critical: true }] },
      { collection: 'permissions', applicationKey: 'crm' },
    );
    expect(result.counts.permissions.removed).toBe(1);
    expect((await row('permission', 'crm-user')).removed_import_id).toBe(result.importId);
    expect((await row('permission', 'erp-user')).removed_import_id).toBeNull();
    // Re-imported, a removed row is back, counted as an update.
    const back = await db().import({
      permissions: [{ key: 'crm-user', applicationKey: 'crm', name: 'CRM User' }],
    });
    expect(back.counts.permissions.updated).toBe(1);
    expect((await row('permission', 'crm-user')).removed_import_id).toBeNull();
  });

  it("refuses a snapshot of one application that holds another application's row", async () => {
    const err = await refusal(
      db().import(
        { permissions: [{ key: 'erp-user', applicationKey: 'erp', name: 'ERP User', kind: 'role' }] },
        { collection: 'permissions', applicationKey: 'crm' },
      ),
    );
    expect(err.errors?.[0].message).toContain('not of the snapshot\'s "crm"');
    expect((await row('permission', 'crm-admin')).removed_import_id).toBeNull();
  });

  it('an empty identity snapshot removes every identity and makes it inactive', async () => {
    const result = await db().import({ identities: [] }, { collection: 'identities', applicationKey: null });
    const left = await db().query(
      `SELECT key FROM identity WHERE removed_import_id IS NULL OR status <> 'inactive'`,
    );
    expect(left).toEqual([]);
    expect(result.counts.identities.removed).toBeGreaterThan(5);
    await db().import(smallLedger());
    expect((await row('identity', 'alice')).status).toBe('active');
  });

  it('serialises imports: a second waits for the first to commit', async () => {
    const ledger = new LedgerRepository();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const first = db().db.transaction(async (sql) => {
      await ledger.lockImports(sql);
      locked();
      await held;
    });
    await lockTaken;
    let secondDone = false;
    const second = db()
      .import({ identities: [{ key: 'late', displayName: 'Late' }] })
      .then(() => (secondDone = true));
    const waiting = async () =>
      (
        await db().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n;
    for (let i = 0; i < 50 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await waiting()).toBe(1);
    expect(secondDone).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(secondDone).toBe(true);
  });
});

describe('ledger look-ups (LedgerLookupRepository)', () => {
  const lookup = new LedgerLookupRepository();

  beforeAll(async () => {
    await db().import({
      identities: [
        { key: 'eloise', displayName: 'Éloïse Ünal', email: 'Eloise@Example.test' },
        { key: 'twin-1', displayName: 'Twin One', email: 'twin@example.test' },
        { key: 'twin-2', displayName: 'Twin Two', email: 'TWIN@example.test' },
        { key: 'pct', displayName: '100% Sure_Thing', email: 'pct@example.test' },
        { key: 'pcx', displayName: '100X SureXThing' },
        { key: 'ex', displayName: 'Ex Employee', status: 'inactive' },
      ],
    });
  });

  it('finds a person by e-mail whatever its case, and nobody when two share it', async () => {
    expect(await db().run((sql) => lookup.person(sql, 'email', 'eloise@EXAMPLE.test'))).toMatchObject({
      key: 'eloise',
    });
    expect(await db().run((sql) => lookup.person(sql, 'email', 'twin@example.test'))).toBeUndefined();
  });

  it('searches active people by name across accents and case, wildcards taken literally', async () => {
    const search = (q: string) =>
      db().run(async (sql) => (await lookup.searchPeople(sql, q, 10)).map((p) => p.key));
    expect(await search('éLOÏSE')).toEqual(['eloise']);
    expect(await search('0% sure_')).toEqual(['pct']);
    expect(await search('employee')).toEqual([]);
    expect(await db().run((sql) => lookup.searchPeople(sql, 'twin', 1))).toHaveLength(1);
  });

  it('answers which keys are unknown, and none for an empty list', async () => {
    expect(await db().run((sql) => lookup.unknownKeys(sql, 'identity', ['eloise', 'ghost']))).toEqual([
      'ghost',
    ]);
    expect(await db().run((sql) => lookup.activeIdentities(sql, []))).toEqual([]);
    expect(await db().run((sql) => lookup.activeIdentities(sql, ['ex', 'pct']))).toEqual(['pct']);
  });
});
