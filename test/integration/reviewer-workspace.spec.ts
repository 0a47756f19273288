import { CampaignReportRepository } from '../../src/campaigns/campaign-report.repository';
import { ReviewItemRepository } from '../../src/campaigns/review-item.repository';
import { ReviewerWorkspaceRepository } from '../../src/reviews/reviewer-workspace.repository';
import { decide, itemsOf, launchCampaign, setStatus } from '../support/integration-campaigns';
import { useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';

const db = useIntegrationDb();
const workspace = new ReviewerWorkspaceRepository();
const report = new CampaignReportRepository();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const CRM = { applicationKeys: ['crm'] };

beforeAll(async () => {
  await db().import(selectionLedger());
});

describe("the reviewer's workspace (ReviewerWorkspaceRepository)", () => {
  it('lists open campaigns most urgent first, then soonest due, with their counts; ended ones apart', async () => {
    const later = await launchCampaign(db(), { scope: CRM, priority: 2, dueAt: inDays(9) });
    const sooner = await launchCampaign(db(), { scope: CRM, priority: 2, dueAt: inDays(3) });
    const urgent = await launchCampaign(db(), {
      scope: CRM,
      priority: 1,
      dueAt: inDays(30),
      status: 'paused',
    });
    const ended = await launchCampaign(db(), { scope: CRM });
    await launchCampaign(db(), { scope: CRM, status: 'init' });
    await decide(db(), sooner.id, { 'a-alice-admin': 'ok' }, 'mgr');
    const bob = (await itemsOf(db(), sooner.id)).find((r) => r.assignment_key === 'a-bob-group')!;
    await db().run((sql) =>
      new ReviewItemRepository().saveDrafts(sql, sooner.id, 'mgr', [
        { itemId: bob.id, decision: 'revoke', comment: null, payload: null },
      ]),
    );
    await decide(db(), ended.id, { 'a-bob-group': 'revoke' }, 'mgr');
    await setStatus(db(), ended.id, 'closed');

    const open = await db().run((sql) => workspace.myCampaigns(sql, 'mgr'));
    expect(open.map((c) => c.id)).toEqual([urgent.id, sooner.id, later.id]);
    expect(open[1]).toMatchObject({ total: '2', pending: '1', drafts: '1', approved: '1', undecided: '0' });
    const closed = await db().run((sql) => workspace.myClosedCampaigns(sql, 'mgr'));
    expect(closed.map((c) => [c.id, c.revoked, c.undecided])).toEqual([[ended.id, '1', '1']]);
    expect(await db().run((sql) => workspace.myCampaigns(sql, 'nobody'))).toEqual([]);
  });

  it("shows a mover's owner as at the last approval, and the item's history without unlaunched campaigns", async () => {
    const first = await launchCampaign(db(), { scope: { permissionKeys: ['crm-group'] } });
    await decide(db(), first.id, { 'a-bob-group': 'ok' }, 'mgr');
    await setStatus(db(), first.id, 'closed');
    await db().import({
      identities: [{ key: 'bob', displayName: 'Bob', managerKey: 'mgr', department: 'Legal' }],
    });
    await launchCampaign(db(), { scope: { permissionKeys: ['crm-group'] }, status: 'init' });
    const now = await launchCampaign(db(), { scope: { permissionKeys: ['crm-group'] } });

    const [item] = await db().run((sql) => workspace.items(sql, 'mgr', now.id, 10));
    expect(item).toMatchObject({ mover: true, identity_name: 'Bob', permission_critical: false });
    expect(item.previous_owner).toMatchObject({ department: 'Sales', ownerKey: 'bob' });
    expect(await db().run((sql) => workspace.items(sql, 'ceo', now.id, 10))).toEqual([]);
    const history = await db().run((sql) => workspace.history(sql, item.id, 100));
    expect(history[0]).toMatchObject({
      campaign_id: first.id,
      status: 'ok',
      decided_by_name: 'Mona Manager',
    });
    expect(history.every((h) => h.campaign_status !== 'init')).toBe(true);
    expect(history.map((h) => h.item_id)).not.toContain(item.id);
  });
});

describe('campaign report (CampaignReportRepository)', () => {
  it('totals by reviewer and application, and has no delays before any decision', async () => {
    const c = await launchCampaign(db(), { scope: { applicationKeys: ['crm', 'erp'] } });
    expect(await db().run((sql) => report.decisionDelays(sql, c.id))).toEqual({ median: null, p90: null });
    await decide(db(), c.id, { 'a-alice-admin': 'ok', 'a-alice-erp': 'revoke', 'a-ceo-erp': 'ok' }, 'mgr');
    await db().run((sql) => new ReviewItemRepository().resolveUndecided(sql, c.id, 'not_reviewed'));
    const byReviewer = await db().run((sql) => report.byReviewer(sql, c.id));
    expect(
      byReviewer.map((r) => [r.key, r.items, r.approved, r.revoked, r.not_reviewed, r.closed_at_due_date]),
    ).toEqual([
      ['ceo', '1', '0', '0', '1', '1'],
      ['dflt', '2', '1', '0', '1', '1'],
      ['mgr', '3', '1', '1', '1', '1'],
    ]);
    const byApplication = await db().run((sql) => report.byApplication(sql, c.id));
    expect(byApplication.map((r) => [r.key, r.name, r.items, r.decided_by_reviewer])).toEqual([
      ['crm', 'CRM', '3', '1'],
      ['erp', 'ERP', '3', '2'],
    ]);
    const delays = await db().run((sql) => report.decisionDelays(sql, c.id));
    expect(delays?.median).toBeGreaterThanOrEqual(0);
    expect(await db().run((sql) => report.flags(sql, c.id))).toEqual({
      reassigned: '0',
      movers: '1',
      inactive: '1',
      by_due_date: '3',
    });
  });
});
