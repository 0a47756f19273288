import { TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';

/**
 * An assignment's identity, permission and account are checked once per statement, over every row it
 * wrote, instead of by row-by-row foreign keys (what made a million-row import slow): the same rules.
 */
describe('assignment references', () => {
  let recert: TestRecert;
  const idOf = async (table: string, key: string) =>
    (await recert.query<{ id: string }>(`SELECT id FROM ${table} WHERE key = $1`, [key]))[0].id;

  beforeAll(async () => {
    recert = await TestRecert.start();
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert.close());

  const insert = (key: string, identityId: string, permissionId: string, accountId: string | null) =>
    recert.query(
      `INSERT INTO assignment (key, identity_id, permission_id, account_id, origin, compliance, status)
       VALUES ($1, $2, $3, $4, 'manual', 'unknown', 'ASSIGNED')`,
      [key, identityId, permissionId, accountId],
    );

  it('refuses an assignment whose identity, permission or account does not exist', async () => {
    const [bob, crmUser, account] = await Promise.all([
      idOf('identity', 'bob'),
      idOf('permission', 'crm-user'),
      idOf('account', 'crm-alice'),
    ]);
    await expect(insert('as-ghost-identity', '999999', crmUser, null)).rejects.toThrow(
      'assignment as-ghost-identity refers to identity 999999 which does not exist',
    );
    await expect(insert('as-ghost-permission', bob, '999999', null)).rejects.toThrow(
      'refers to permission 999999',
    );
    await expect(insert('as-ghost-account', bob, crmUser, '999999')).rejects.toThrow(
      'refers to account 999999',
    );
    await insert('as-bob-via-account', bob, crmUser, account);
    await expect(
      recert.query(`UPDATE assignment SET permission_id = 999999 WHERE key = 'as-bob-via-account'`),
    ).rejects.toThrow('refers to permission 999999');
    const [kept] = await recert.query<{ permission_id: string }>(
      `SELECT permission_id FROM assignment WHERE key = 'as-bob-via-account'`,
    );
    expect(kept.permission_id).toBe(crmUser);
  });

  it('refuses deleting what an assignment refers to, and changing a ledger id', async () => {
    await expect(recert.query(`DELETE FROM identity WHERE key = 'bob'`)).rejects.toThrow(
      'a deleted identity is still referenced by an assignment',
    );
    await expect(recert.query(`DELETE FROM permission WHERE key = 'crm-user'`)).rejects.toThrow(
      'a deleted permission is still referenced by an assignment',
    );
    await expect(recert.query(`UPDATE identity SET id = id + 1000 WHERE key = 'bob'`)).rejects.toThrow(
      'identity.id never changes',
    );
    const unreferenced = await recert.query(`DELETE FROM identity WHERE key = 'dflt' RETURNING key`);
    expect(unreferenced).toEqual([{ key: 'dflt' }]);
  });
});
