import { TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';

const TABLES = ['identity', 'application', 'permission', 'account', 'assignment'];

describe('POST /api/v1/ledger/imports', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false });
  });
  afterAll(() => recert.close());

  async function snapshot(): Promise<string> {
    const parts: unknown[] = [];
    for (const table of TABLES) {
      parts.push(await recert.query(`SELECT * FROM ${table} ORDER BY key`));
    }
    return JSON.stringify(parts);
  }

  async function rowCounts(): Promise<number[]> {
    const counts: number[] = [];
    for (const table of TABLES) {
      counts.push(Number((await recert.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n));
    }
    return counts;
  }

  it('upserts every collection, links managers, and a re-import changes nothing', async () => {
    const first = await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
    expect(first.body.counts).toMatchObject({
      identities: { received: 8, inserted: 8, updated: 0 },
      applications: { inserted: 2 },
      permissions: { inserted: 3 },
      accounts: { inserted: 1 },
      assignments: { inserted: 8 },
    });
    const [alice] = await recert.query<{ manager: string }>(
      `SELECT m.key AS manager FROM identity i JOIN identity m ON m.id = i.manager_id WHERE i.key = 'alice'`,
    );
    expect(alice.manager).toBe('mgr');

    const before = await snapshot();
    const again = await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
    for (const c of Object.values(again.body.counts) as { inserted: number; updated: number }[]) {
      expect(c).toMatchObject({ inserted: 0, updated: 0 });
    }
    expect(await snapshot()).toBe(before);

    const changed = smallLedger();
    changed.identities[3].department = 'Marketing';
    changed.identities[4].managerKey = 'ceo';
    const third = await admin().post('/api/v1/ledger/imports', changed).expect(200);
    expect(third.body.counts.identities).toMatchObject({ inserted: 0, updated: 2 });
  });

  it.each([
    [
      'an unknown reference',
      (doc: ReturnType<typeof smallLedger>) => {
        doc.assignments[2].permissionKey = 'nope';
      },
      'assignments[2].permissionKey',
    ],
    [
      'an unknown manager',
      (doc: ReturnType<typeof smallLedger>) => {
        doc.identities[5].managerKey = 'nobody';
      },
      'identities[5].managerKey',
    ],
    [
      'a missing key',
      (doc: ReturnType<typeof smallLedger>) => {
        delete (doc.permissions[1] as { key?: string }).key;
      },
      'permissions[1].key',
    ],
    [
      'a wrong type',
      (doc: ReturnType<typeof smallLedger>) => {
        (doc.permissions[0] as { critical: unknown }).critical = 'yes';
      },
      'permissions[0].critical',
    ],
    [
      'a duplicate key',
      (doc: ReturnType<typeof smallLedger>) => {
        doc.applications[1].key = 'crm';
      },
      'applications[1].key',
    ],
    [
      'an unknown field',
      (doc: ReturnType<typeof smallLedger>) => {
        (doc.accounts[0] as Record<string, unknown>).lastLogin = 'x';
      },
      'accounts[0]',
    ],
  ])(
    'refuses %s with problem+json naming collection, index and field, writing nothing',
    async (_, mutate, field) => {
      const counts = await rowCounts();
      const imports = await recert.query(`SELECT id FROM ledger_import`);
      const doc = smallLedger();
      (doc.identities as object[]).push({ key: 'newcomer', displayName: 'Should not be written' });
      mutate(doc);
      const res = await admin().post('/api/v1/ledger/imports', doc).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors[0].field).toContain(field);
      expect(res.body.detail).toContain(field);
      expect(await rowCounts()).toEqual(counts);
      expect(await recert.query(`SELECT id FROM ledger_import`)).toEqual(imports);
      expect(await recert.query(`SELECT 1 FROM identity WHERE key = 'newcomer'`)).toEqual([]);
    },
  );

  it('is for admins only', async () => {
    await recert.as('mgr', 'reviewer').post('/api/v1/ledger/imports', smallLedger()).expect(403);
    await recert.http().post('/api/v1/ledger/imports').send(smallLedger()).expect(401);
  });
});
