import { KeyPage, LedgerBrowseRepository } from '../../src/ledger/ledger-browse.repository';
import { decide, launchCampaign } from '../support/integration-campaigns';
import { useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';

const db = useIntegrationDb();
const browse = new LedgerBrowseRepository();
/** A page of `limit` as the service reads it: one row more, which only says that more follow. */
const page = (after: string | null, limit: number): KeyPage => ({ after, rows: limit + 1 });
const identityKeys = async (q: string | undefined, p: KeyPage, status?: 'active' | 'inactive') =>
  (await db().run((sql) => browse.identities(sql, { q, status }, p))).map((r) => r.key);

beforeAll(async () => {
  const ledger = selectionLedger();
  await db().import({
    ...ledger,
    identities: [
      ...ledger.identities,
      ...Array.from({ length: 10 }, (_, n) => ({
        key: `page-${String(n + 1).padStart(2, '0')}`,
        displayName: `Person ${n + 1}`,
        managerKey: 'mgr',
      })),
      { key: 'eloise', displayName: 'Éloïse Ünal', email: 'eloise@example.test' },
      { key: 'percent', displayName: 'Fifty % Off_Sale' },
      { key: 'percentx', displayName: 'Fifty X OffXSale' },
    ],
    // An account whose key is also an assignment's: its reviews are not the assignment's.
    accounts: [
      ...ledger.accounts,
      { key: 'a-ceo-erp', applicationKey: 'erp', login: 'cleo', ownerKey: 'ceo' },
    ],
  });
});

describe('ledger browse (LedgerBrowseRepository)', () => {
  it('reads one row more than the page only when more follow: exactly a page, a page and one, after the last', async () => {
    expect(await identityKeys('page-', page(null, 10))).toHaveLength(10);
    const first = await identityKeys('page-', page(null, 9));
    expect(first).toHaveLength(10);
    expect(await identityKeys('page-', page(first[8], 9))).toEqual(['page-10']);
    expect(await identityKeys('page-', page('page-10', 9))).toEqual([]);
    expect(await identityKeys('nobody matches this', page(null, 5))).toEqual([]);
  });

  it('searches key, name and e-mail across case and accents, wildcards taken literally', async () => {
    expect(await identityKeys('ÉLOÏSE ü', page(null, 10))).toEqual(['eloise']);
    expect(await identityKeys('EXAMPLE.TEST', page(null, 10))).toEqual(['eloise']);
    expect(await identityKeys('% off_', page(null, 10))).toEqual(['percent']);
    expect(await identityKeys(undefined, page(null, 100), 'inactive')).toEqual(['gone']);
  });

  it('shows managers and counts, null where there is none', async () => {
    const rows = await db().run((sql) => browse.identities(sql, { q: 'alice' }, page(null, 5)));
    expect(rows).toEqual([
      expect.objectContaining({ key: 'alice', manager_key: 'mgr', assignment_count: 2 }),
    ]);
    const dflt = await db().run((sql) => browse.identity(sql, 'dflt'));
    expect([dflt?.manager_key, dflt?.assignment_count]).toEqual([null, 0]);
    expect(await db().run((sql) => browse.identity(sql, 'ghost'))).toBeUndefined();
    const apps = await db().run((sql) => browse.applications(sql, {}, page(null, 10)));
    expect(apps.map((a) => [a.key, a.owner_key, a.permission_count, a.assignment_count])).toEqual([
      ['crm', 'appowner', 2, 3],
      ['erp', 'ceo', 1, 4],
      ['old', null, 1, 1],
    ]);
  });

  it('lists orphan accounts and filters permissions by application', async () => {
    const orphans = await db().run((sql) => browse.accounts(sql, { orphans: true }, page(null, 10)));
    expect(orphans.map((a) => [a.key, a.owner_key, a.owner_status])).toEqual([['acc-orphan', null, null]]);
    const all = await db().run((sql) => browse.accounts(sql, { applicationKey: 'crm' }, page(null, 10)));
    expect(all.map((a) => a.key)).toEqual(['acc-alice', 'acc-bob', 'acc-off', 'acc-orphan']);
    const perms = await db().run((sql) =>
      browse.permissions(sql, { applicationKey: 'crm', q: 'ADMIN' }, page(null, 10)),
    );
    expect(perms.map((p) => [p.key, p.owner_key, p.assignment_count])).toEqual([
      ['crm-admin', 'permowner', 2],
    ]);
  });

  it("shows each assignment's latest right review, not an account review of the same key", async () => {
    const first = await launchCampaign(db(), { scope: { applicationKeys: ['erp'] } });
    await decide(db(), first.id, { 'a-ceo-erp': 'revoke' }, 'dflt');
    const second = await launchCampaign(db(), { scope: { applicationKeys: ['erp'] }, status: 'paused' });
    await launchCampaign(db(), { type: 'account', scope: { applicationKeys: ['erp'] } });
    const rows = await db().run((sql) => browse.assignments(sql, { applicationKey: 'erp' }, page(null, 10)));
    expect(rows.map((r) => [r.key, r.campaign_number, r.campaign_status, r.item_status])).toEqual([
      ['a-alice-erp', second.number, 'paused', 'to_be_reviewed'],
      ['a-bob-revoked', null, null, null],
      ['a-ceo-erp', second.number, 'paused', 'to_be_reviewed'],
      ['a-dave-erp', second.number, 'paused', 'to_be_reviewed'],
    ]);
    const byPerson = await db().run((sql) => browse.assignments(sql, { q: 'cleo' }, page(null, 10)));
    expect(byPerson.map((r) => r.key)).toEqual(['a-ceo-erp']);
  });
});
