import {
  CampaignListFilter,
  CampaignListKey,
  CampaignListRow,
  CampaignRepository,
  NewCampaign,
} from '../../src/campaigns/campaign.repository';
import type { CampaignRow } from '../../src/domain/campaign.types';
import { itemsOf, launchCampaign, setStatus } from '../support/integration-campaigns';
import { ADMIN, useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';

const db = useIntegrationDb();
const campaigns = new CampaignRepository();

const DUE = '2027-03-01T12:00:00.000Z';
const newCampaign = (number: string, more: Partial<NewCampaign> = {}): NewCampaign => ({
  number,
  title: `Campaign ${number}`,
  description: '',
  priority: 3,
  type: 'right',
  ownerKey: 'owner',
  dueAt: DUE,
  scope: {},
  reviewers: { strategy: ['linemanager'], defaultReviewerKey: null },
  onDueDate: 'not_reviewed',
  options: {},
  workflowId: `wf-${number}`,
  idempotencyKey: null,
  requestHash: null,
  policyId: null,
  ...more,
});

/** Every page of the list, each continued from its last row's key as the campaigns service encodes it. */
async function allPages(filter: CampaignListFilter, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: CampaignListKey | undefined;
  for (;;) {
    const rows: CampaignListRow[] = await db().run((sql) => campaigns.list(sql, limit + 1, filter, after));
    const page = rows.slice(0, limit);
    pages.push(page.map((r) => r.number));
    if (rows.length <= limit) return pages;
    const last = page[page.length - 1];
    after =
      filter.sort === 'priority'
        ? { priority: last.priority, at: last.due_key, id: last.id }
        : { at: last.created_key, id: last.id };
  }
}

beforeAll(async () => {
  await db().import(selectionLedger());
  // Created in one transaction, so all at the same instant: only the id orders them.
  await db().db.transaction(async (sql) => {
    for (const [n, priority, title] of [
      ['T-1', 2, 'Été review'],
      ['T-2', 1, 'Quarterly'],
      ['T-3', 2, 'ÉTÉ follow-up'],
      ['T-4', 2, 'Quarterly 2'],
      ['T-5', 5, 'Yearly'],
    ] as const) {
      await campaigns.insert(sql, newCampaign(n, { priority, title }));
    }
  });
});

describe('campaigns (CampaignRepository)', () => {
  // Created in one transaction, they share created_at to the microsecond: the cursor must keep that precision.
  it('pages newest first through campaigns created at the same instant, each shown once', async () => {
    const pages = await allPages({ sort: 'newest' }, 2);
    expect(pages.flat().sort()).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
  });

  it('pages by priority then due date, ties in id order, a page exactly full ending the list', async () => {
    const [rows] = [await db().run((sql) => campaigns.list(sql, 100, { sort: 'priority' }))];
    expect(rows.map((r) => r.priority)).toEqual([1, 2, 2, 2, 5]);
    const tied = rows.filter((r) => r.priority === 2).map((r) => r.id);
    expect(tied).toEqual([...tied].sort());
    const pages = await allPages({ sort: 'priority' }, 5);
    expect(pages).toEqual([rows.map((r) => r.number)]);
    expect((await allPages({ sort: 'priority' }, 1)).flat()).toEqual(rows.map((r) => r.number));
  });

  it('searches title and number whatever the case and accents, and filters by status and owner', async () => {
    const numbers = async (filter: Omit<CampaignListFilter, 'sort'>) =>
      (await db().run((sql) => campaigns.list(sql, 100, { sort: 'newest', ...filter })))
        .map((r) => r.number)
        .sort();
    expect(await numbers({ q: 'été' })).toEqual(['T-1', 'T-3']);
    expect(await numbers({ q: 't-4' })).toEqual(['T-4']);
    expect(await numbers({ q: '%' })).toEqual([]);
    expect(await numbers({ status: 'active' })).toEqual([]);
    expect(await numbers({ ownerKey: 'someone-else' })).toEqual([]);
  });

  it('counts items by status, zero for a campaign without items, nothing for no campaigns', async () => {
    const c = await launchCampaign(db(), { scope: { applicationKeys: ['erp'] } });
    const empty = await launchCampaign(db(), { scope: { applicationKeys: ['none'] } });
    const counts = await db().run((sql) => campaigns.counts(sql, [c.id, empty.id]));
    expect(counts.get(c.id)).toMatchObject({ total: 3, to_be_reviewed: 3, ok: 0, closedAtDueDate: 0 });
    expect(counts.get(empty.id)).toMatchObject({ total: 0, to_be_reviewed: 0 });
    expect((await db().run((sql) => campaigns.counts(sql, []))).size).toBe(0);
  });

  it('writes a status change and its audit entry once, and keeps the first activation time', async () => {
    const c = await launchCampaign(db(), { scope: { applicationKeys: ['erp'] } });
    expect(await db().db.transaction((sql) => campaigns.setStatus(sql, c.id, 'active', ADMIN))).toBe(false);
    await setStatus(db(), c.id, 'paused');
    await setStatus(db(), c.id, 'active');
    const [row] = await db().query<CampaignRow>(`SELECT * FROM campaign WHERE id = $1`, [c.id]);
    expect(row.activated_at).toEqual(c.activated_at);
    const audited = await db().query<{ action: string }>(
      `SELECT action FROM audit_event WHERE object_id = $1 ORDER BY seq`,
      [c.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['campaign.active', 'campaign.paused', 'campaign.active']);
  });

  it('deletes only an ended campaign, its items with it', async () => {
    const c = await launchCampaign(db(), { scope: { applicationKeys: ['crm'] } });
    expect(await db().db.transaction((sql) => campaigns.deleteEnded(sql, c.id))).toBeUndefined();
    await setStatus(db(), c.id, 'cancelled');
    expect(await db().db.transaction((sql) => campaigns.deleteEnded(sql, c.id))).toEqual({
      items: 3,
      remediations: 0,
    });
    expect(await itemsOf(db(), c.id)).toEqual([]);
  });

  it('lets only one of two concurrent creations with the same idempotency key through', async () => {
    const create = (n: string) =>
      db().db.transaction((sql) =>
        campaigns.insert(sql, newCampaign(n, { idempotencyKey: 'same-key', ownerKey: 'mgr' })),
      );
    const outcomes = await Promise.allSettled([create('K-1'), create('K-2')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const found = await db().run((sql) => campaigns.findByIdempotencyKey(sql, 'mgr', 'same-key'));
    expect(['K-1', 'K-2']).toContain(found?.number);
  });
});
