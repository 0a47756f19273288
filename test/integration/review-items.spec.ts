import { ReviewItemRepository } from '../../src/campaigns/review-item.repository';
import type { CampaignRow } from '../../src/domain/campaign.types';
import type { ReviewItemRow } from '../../src/domain/review-item.types';
import { decide, itemsOf, launchCampaign } from '../support/integration-campaigns';
import { useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';

const db = useIntegrationDb();
const items = new ReviewItemRepository();
let campaign: CampaignRow;
let byKey: Record<string, ReviewItemRow>;

const ids = (rows: { assignment_key: string }[]) => rows.map((r) => r.assignment_key);
const auditOf = (itemId: string) =>
  db().query<{ action: string; after: Record<string, unknown> }>(
    `SELECT action, after FROM audit_event WHERE object_type = 'review_item' AND object_id = $1 ORDER BY seq`,
    [itemId],
  );
const inbox = (afterId: string | undefined, limit: number, more: object = {}) =>
  db().run((sql) =>
    items.inbox(sql, { reviewerKey: 'mgr', campaignId: campaign.id, afterId, limit, ...more }),
  );

beforeAll(async () => {
  const ledger = selectionLedger();
  await db().import({
    ...ledger,
    identities: [
      ...ledger.identities,
      { key: 'zoe', displayName: 'Zoë Ødegård 100%_off', managerKey: 'mgr' },
    ],
    assignments: [
      ...ledger.assignments,
      { key: 'a-zoe-group', identityKey: 'zoe', permissionKey: 'crm-group' },
    ],
  });
  campaign = await launchCampaign(db(), { scope: { applicationKeys: ['crm', 'erp'] } });
  // A campaign still in `init` is not final: its items show nowhere.
  await launchCampaign(db(), { status: 'init' });
  byKey = Object.fromEntries((await itemsOf(db(), campaign.id)).map((r) => [r.assignment_key, r]));
});

describe('review items (ReviewItemRepository)', () => {
  it("pages a reviewer's inbox by id: exactly a page, a page and one, after the last row", async () => {
    const all = await inbox(undefined, 100);
    expect(ids(all).sort()).toEqual(['a-alice-admin', 'a-alice-erp', 'a-bob-group', 'a-zoe-group']);
    expect(all.map((r) => Number(r.id))).toEqual(all.map((r) => Number(r.id)).sort((x, y) => x - y));
    expect(await inbox(undefined, 4)).toEqual(all);
    const first = await inbox(undefined, 3);
    expect(await inbox(first[2].id, 3)).toEqual([all[3]]);
    expect(await inbox(all[3].id, 3)).toEqual([]);
    expect(await db().run((sql) => items.inbox(sql, { reviewerKey: 'nobody', limit: 10 }))).toEqual([]);
  });

  it('filters the inbox and counts it by status, the status filter aside', async () => {
    expect(ids(await inbox(undefined, 10, { recommendation: 'not_recommended' }))).toEqual(['a-alice-erp']);
    expect(await inbox(undefined, 10, { mover: true })).toEqual([]);
    await decide(db(), campaign.id, { 'a-alice-admin': 'ok' });
    const counts = await db().run((sql) =>
      items.inboxCounts(sql, 'mgr', { campaignId: campaign.id, status: 'ok', applicationKey: 'crm' }),
    );
    expect(counts).toEqual({ ok: 1, to_be_reviewed: 2 });
  });

  it('finds bulk targets among decidable items only, at most the limit, with the full count', async () => {
    await db().db.transaction((sql) =>
      items.applyDecisions(sql, campaign.id, { actor: 'mgr' }, [
        {
          itemId: byKey['a-zoe-group'].id,
          status: 'reassign',
          comment: null,
          details: null,
          responsible: null,
        },
      ]),
    );
    const targets = await db().run((sql) => items.bulkTargets(sql, 'mgr', { campaignId: campaign.id }, 2));
    const decidable = ['a-alice-admin', 'a-alice-erp', 'a-bob-group'].map((k) => Number(byKey[k].id));
    expect(targets.total).toBe(3);
    expect(targets.ids.map(Number)).toEqual(decidable.sort((x, y) => x - y).slice(0, 2));
    const none = await db().run((sql) =>
      items.bulkTargets(sql, 'mgr', { campaignId: campaign.id, applicationKey: 'none' }, 2),
    );
    expect(none).toEqual({ ids: [], total: 0 });
  });

  it("searches a campaign's items by label across case and accents, wildcards taken literally", async () => {
    const search = async (text: string, more: object = {}) =>
      ids(
        await db().run((sql) => items.campaignItems(sql, campaign.id, { text, limit: 50, ...more })),
      ).sort();
    expect(await search('ZOË ødegÅrd')).toEqual(['a-zoe-group']);
    expect(await search('100%_')).toEqual(['a-zoe-group']);
    expect(await search('%')).toEqual(['a-zoe-group']);
    expect(await search('a-alice')).toEqual(['a-alice-admin', 'a-alice-erp']);
    // Undecided items have no decider: neither the reviewers' nor the due date's.
    expect(await search('', { decidedBy: 'reviewer' })).toEqual(['a-alice-admin', 'a-zoe-group']);
    expect(await search('', { decidedBy: 'due-date' })).toEqual([]);
  });

  it('audits only the decisions that change something, and certifies the assignment on approval', async () => {
    const item = byKey['a-bob-group'];
    await decide(db(), campaign.id, { 'a-bob-group': 'ok' }, 'mgr');
    await decide(db(), campaign.id, { 'a-bob-group': 'ok' }, 'mgr');
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['item.decided']);
    const [assignment] = await db().query<{ last_certified_at: Date | null }>(
      `SELECT last_certified_at FROM assignment WHERE key = 'a-bob-group'`,
    );
    expect(assignment.last_certified_at).not.toBeNull();
  });

  it('forwards with a reason, and hands back to the accountable reviewer', async () => {
    const item = byKey['a-alice-erp'];
    await db().db.transaction((sql) =>
      items.applyDecisions(sql, campaign.id, { actor: 'mgr' }, [
        {
          itemId: item.id,
          status: 'to_be_reviewed',
          comment: null,
          details: null,
          responsible: 'ceo',
          forwardReason: 'ERP is yours',
        },
      ]),
    );
    const [forwarded] = await db().run((sql) => items.findByIds(sql, [item.id]));
    expect([forwarded.responsible_reviewer_key, forwarded.forwarded_by, forwarded.forward_reason]).toEqual([
      'ceo',
      'mgr',
      'ERP is yours',
    ]);
    expect((await auditOf(item.id)).at(-1)).toMatchObject({
      action: 'item.forwarded',
      after: { responsible: 'ceo', forwardReason: 'ERP is yours' },
    });
    await db().run((sql) =>
      items.handOver(sql, campaign.id, [item.id], null, { actor: 'root' }, 'item.returned'),
    );
    const [back] = await db().run((sql) => items.findByIds(sql, [item.id]));
    expect(back.responsible_reviewer_key).toBe('mgr');
  });

  it("stores drafts only on the reviewer's decidable items, and discards them", async () => {
    const mine = byKey['a-alice-admin'];
    const theirs = byKey['a-dave-erp'];
    const draft = (itemId: string) => ({ itemId, decision: 'revoke', comment: 'draft', payload: null });
    const stored = await db().run((sql) =>
      items.saveDrafts(sql, campaign.id, 'mgr', [draft(mine.id), draft(theirs.id), draft('999999')]),
    );
    expect(stored).toEqual([mine.id]);
    expect(ids(await db().run((sql) => items.draftsOf(sql, campaign.id, 'mgr')))).toEqual(['a-alice-admin']);
    expect(await db().run((sql) => items.discardDrafts(sql, campaign.id, 'mgr'))).toBe(1);
    expect(await db().run((sql) => items.discardDrafts(sql, campaign.id, 'mgr'))).toBe(0);
  });

  it('holds an item locked by one decision until it commits; the other reviewer sees it missing', async () => {
    const item = byKey['a-alice-admin'];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const first = db().db.transaction(async (sql) => {
      await items.lockOwned(sql, campaign.id, 'mgr', [item.id]);
      locked();
      await held;
    });
    await lockTaken;
    let secondAt = 0;
    const second = db()
      .db.transaction((sql) => items.lockOwned(sql, campaign.id, 'mgr', [item.id]))
      .then((rows) => {
        secondAt = Date.now();
        return rows;
      });
    expect(await db().run((sql) => items.lockOwned(sql, campaign.id, 'ceo', [item.id]))).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(secondAt).toBe(0);
    const releasedAt = Date.now();
    release();
    await first;
    expect(ids(await second)).toEqual(['a-alice-admin']);
    expect(secondAt).toBeGreaterThanOrEqual(releasedAt);
  });

  it('resolves what is undecided at the due date by its recommendation, each one audited', async () => {
    await db().run((sql) => items.resolveUndecided(sql, campaign.id, 'by-recommendation'));
    const after = await itemsOf(db(), campaign.id);
    expect(Object.fromEntries(after.map((r) => [r.assignment_key, [r.status, r.decided_by]]))).toEqual({
      'a-alice-admin': ['ok', 'reviewer'],
      'a-alice-erp': ['revoke', 'system'],
      'a-bob-group': ['ok', 'mgr'],
      'a-ceo-erp': ['not_reviewed', 'system'],
      'a-dave-erp': ['not_reviewed', 'system'],
      'a-mgr-admin': ['not_reviewed', 'system'],
      'a-zoe-group': ['not_reviewed', 'system'],
    });
    expect(await db().run((sql) => items.anyPending(sql, campaign.id))).toBe(false);
    const audited = await db().query(
      `SELECT 1 FROM audit_event WHERE campaign_id = $1 AND action = 'item.resolved_at_due_date'`,
      [campaign.id],
    );
    expect(audited).toHaveLength(5);
  });
});
