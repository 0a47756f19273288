import { ReviewItemRepository } from '../../src/campaigns/review-item.repository';
import type { ItemSelection } from '../../src/campaigns/item-selection.sql';
import { decide, itemsOf, launchCampaign, setStatus } from '../support/integration-campaigns';
import { useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';
import { syntheticLedger } from '../support/synthetic-ledger';

const db = useIntegrationDb();
const items = new ReviewItemRepository();

/** Each item's assignment key → `field`, for compact expectations. */
const byKey = async (
  campaignId: string,
  field: 'responsible_reviewer_key' | 'reviewer_origin' | 'recommendation',
) => Object.fromEntries((await itemsOf(db(), campaignId)).map((r) => [r.assignment_key, r[field]]));

beforeAll(async () => {
  await db().import(selectionLedger());
});

describe('campaign item selection (item-selection.sql, reviewer-selection.sql)', () => {
  it('selects every assigned right of the ledger, each reviewed by the first rule that yields someone else', async () => {
    const c = await launchCampaign(db());
    expect(await byKey(c.id, 'responsible_reviewer_key')).toEqual({
      'a-alice-admin': 'mgr',
      'a-alice-erp': 'mgr',
      'a-bob-group': 'mgr',
      'a-bob-old': 'mgr',
      // The CEO manages herself: never her own reviewer. Dave's manager left: both go to the default.
      'a-ceo-erp': 'dflt',
      'a-dave-erp': 'dflt',
      'a-mgr-admin': 'ceo',
    });
    expect(await byKey(c.id, 'reviewer_origin')).toMatchObject({
      'a-alice-admin': 'linemanager',
      'a-ceo-erp': 'default',
    });
    expect(await byKey(c.id, 'recommendation')).toMatchObject({
      'a-alice-admin': 'recommended',
      'a-alice-erp': 'not_recommended',
      'a-bob-group': 'none',
    });
    const admin = (await itemsOf(db(), c.id)).find((r) => r.assignment_key === 'a-alice-admin');
    expect(admin?.label).toBe('Alice · CRM · CRM Admin');
  });

  it('adds nothing when the population runs again (an activity retry)', async () => {
    const c = await launchCampaign(db(), { status: 'init' });
    const selection: ItemSelection = {
      type: 'right',
      scope: {},
      strategy: ['linemanager'],
      defaultReviewerKey: 'dflt',
      fullReview: true,
    };
    await db().run((sql) => items.populate(sql, c.id, selection, 90));
    expect(await db().run((sql) => items.progress(sql, c.id))).toEqual({ total: 7, pending: 7 });
  });

  it('narrows by application, permission and identity keys together; an empty list narrows nothing', async () => {
    const crm = await launchCampaign(db(), { scope: { applicationKeys: ['crm'] } });
    expect(Object.keys(await byKey(crm.id, 'recommendation')).sort()).toEqual([
      'a-alice-admin',
      'a-bob-group',
      'a-mgr-admin',
    ]);
    const both = await launchCampaign(db(), {
      scope: { permissionKeys: ['crm-admin', 'erp-user'], identityKeys: ['alice', 'nobody'] },
    });
    expect(Object.keys(await byKey(both.id, 'recommendation')).sort()).toEqual([
      'a-alice-admin',
      'a-alice-erp',
    ]);
    const none = await launchCampaign(db(), { scope: { applicationKeys: ['no-such-app'] } });
    expect(await itemsOf(db(), none.id)).toEqual([]);
    const empty = await launchCampaign(db(), { scope: { applicationKeys: [] } });
    expect(await itemsOf(db(), empty.id)).toHaveLength(7);
  });

  it('gives group rights to the group owner only, and falls back from an inactive default to the owner', async () => {
    const c = await launchCampaign(db(), {
      strategy: ['groupowner', 'applicationowner', 'permissionowner'],
      defaultReviewerKey: 'gone',
    });
    expect(await byKey(c.id, 'responsible_reviewer_key')).toMatchObject({
      'a-alice-admin': 'appowner',
      'a-bob-group': 'groupowner',
      'a-alice-erp': 'ceo',
      // ERP's owner is the CEO, who may not review her own access; the default reviewer left.
      'a-ceo-erp': 'owner',
      'a-bob-old': 'owner',
    });
    expect(await byKey(c.id, 'reviewer_origin')).toMatchObject({
      'a-bob-group': 'groupowner',
      'a-ceo-erp': 'default',
    });
    const self = await launchCampaign(db(), { strategy: ['myself'] });
    expect(await byKey(self.id, 'responsible_reviewer_key')).toMatchObject({
      'a-ceo-erp': 'ceo',
      'a-dave-erp': 'dave',
    });
  });

  it('previews exactly what the launch selects', async () => {
    const selection: ItemSelection = {
      type: 'right',
      scope: { applicationKeys: ['crm', 'erp'] },
      strategy: ['linemanager'],
      defaultReviewerKey: 'dflt',
      fullReview: true,
    };
    const preview = await db().run((sql) => items.preview(sql, 'owner', selection));
    const c = await launchCampaign(db(), { scope: selection.scope });
    const launched = await itemsOf(db(), c.id);
    expect(preview.totals).toEqual({
      items: String(launched.length),
      reviewers: String(new Set(launched.map((r) => r.responsible_reviewer_key)).size),
      identities: String(new Set(launched.map((r) => r.identity_key)).size),
      applications: '2',
    });
    expect(preview.byOrigin).toEqual([
      { origin: 'linemanager', items: '4', reviewers: '2' },
      { origin: 'default', items: '2', reviewers: '1' },
    ]);
  });

  it('a delta review leaves out what was approved and has not changed; a revocation or a mover comes back', async () => {
    const first = await launchCampaign(db(), { scope: { applicationKeys: ['crm', 'erp'] } });
    await decide(db(), first.id, {
      'a-alice-admin': 'ok',
      'a-alice-erp': 'revoke',
      'a-bob-group': 'ok',
      'a-mgr-admin': 'ok',
    });
    await setStatus(db(), first.id, 'closed');
    await db().import({
      identities: [{ key: 'bob', displayName: 'Bob', managerKey: 'mgr', department: 'Marketing' }],
    });

    const delta = await launchCampaign(db(), {
      scope: { applicationKeys: ['crm', 'erp'] },
      fullReview: false,
    });
    const selected = await itemsOf(db(), delta.id);
    expect(selected.map((r) => r.assignment_key).sort()).toEqual([
      'a-alice-erp',
      'a-bob-group',
      'a-ceo-erp',
      'a-dave-erp',
    ]);
    expect(selected.filter((r) => r.mover).map((r) => r.assignment_key)).toEqual(['a-bob-group']);
    // A full review takes everything, and still tells the mover.
    const full = await launchCampaign(db(), { scope: { applicationKeys: ['crm', 'erp'] } });
    const fullItems = await itemsOf(db(), full.id);
    expect(fullItems).toHaveLength(6);
    expect(fullItems.find((r) => r.assignment_key === 'a-bob-group')?.mover).toBe(true);
  });

  it('leaves out assignments whose application a snapshot removed', async () => {
    const before = await launchCampaign(db(), { scope: { permissionKeys: ['old-perm'] } });
    expect(await itemsOf(db(), before.id)).toHaveLength(1);
    await db().import(
      { applications: selectionLedger().applications.filter((a) => a.key !== 'old') },
      { collection: 'applications', applicationKey: null },
    );
    const after = await launchCampaign(db(), { scope: { permissionKeys: ['old-perm'] } });
    expect(await itemsOf(db(), after.id)).toEqual([]);
  });

  it('selects live accounts, orphans included, each owner reviewing their own with accountowner', async () => {
    const c = await launchCampaign(db(), { type: 'account', strategy: ['accountowner'] });
    const accounts = (await itemsOf(db(), c.id)).sort((x, y) =>
      x.assignment_key.localeCompare(y.assignment_key),
    );
    expect(
      accounts.map((r) => [
        r.assignment_key,
        r.identity_key,
        r.responsible_reviewer_key,
        r.recommendation,
        r.inactive,
      ]),
    ).toEqual([
      ['acc-alice', 'alice', 'alice', 'none', true],
      ['acc-bob', 'bob', 'bob', 'none', false],
      ['acc-orphan', null, 'dflt', 'not_recommended', false],
    ]);
    expect(accounts[2].label).toBe('No owner · CRM · svc-batch');
  });
});

describe('a campaign of a few thousand items', () => {
  it('is selected in one statement, counted per reviewer, and paged reviewer by reviewer', async () => {
    await db().import(syntheticLedger(3000, 30));
    const apps = Array.from({ length: 20 }, (_, a) => `app-${a}`);
    const started = Date.now();
    const c = await launchCampaign(db(), {
      scope: { applicationKeys: apps },
      defaultReviewerKey: 'default-reviewer',
    });
    const took = Date.now() - started;
    expect(await db().run((sql) => items.progress(sql, c.id))).toEqual({ total: 3000, pending: 3000 });
    const pages: { key: string; items: number }[][] = [];
    let after: string | null = null;
    for (;;) {
      const page = await db().run((sql) => items.reviewersPage(sql, c.id, after, 10));
      if (page.length === 0) break;
      pages.push(page);
      after = page[page.length - 1].key;
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10]);
    expect(pages.flat().every((r) => r.items === 100)).toBe(true);
    const preview = await db().run((sql) =>
      items.preview(sql, 'owner', {
        type: 'right',
        scope: { applicationKeys: apps },
        strategy: ['linemanager'],
        defaultReviewerKey: 'default-reviewer',
        fullReview: true,
      }),
    );
    expect(preview.totals).toEqual({ items: '3000', reviewers: '30', identities: '600', applications: '20' });
    expect(took).toBeLessThan(10_000);
  });
});
