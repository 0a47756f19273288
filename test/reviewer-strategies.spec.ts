import type { CampaignView } from '../src/campaigns/campaign.view';
import { TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { reviewLedger } from './support/review-fixture';

type Row = { assignment_key: string; accountable: string; responsible: string; origin: string };

describe('reviewer strategies, recommendations and flags', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', reviewLedger()).expect(200);
  });
  afterAll(() => recert.close());

  async function launch(strategy: string[], extra: object = {}): Promise<CampaignView> {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: `Strategy ${strategy.join(', ')}`,
        dueAt: inDays(5),
        reviewers: { strategy, defaultReviewerKey: 'dflt' },
        ...extra,
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  }

  async function reviewers(campaignId: string): Promise<Record<string, string>> {
    const rows = await recert.query<Row>(
      `SELECT assignment_key, accountable_reviewer_key AS accountable, responsible_reviewer_key AS responsible,
              reviewer_origin AS origin
       FROM review_item WHERE campaign_id = $1 ORDER BY assignment_key`,
      [campaignId],
    );
    for (const r of rows) expect(r.accountable).toBe(r.responsible);
    return Object.fromEntries(rows.map((r) => [r.assignment_key, `${r.responsible}/${r.origin}`]));
  }

  it.each([
    [
      ['linemanager'],
      {
        a1: 'mgr/linemanager',
        a2: 'mgr/linemanager',
        a3: 'dflt/default',
        a4: 'dflt/default',
        a5: 'ceo/linemanager',
      },
    ],
    [
      ['applicationowner', 'default'],
      {
        a1: 'appowner/applicationowner',
        a2: 'appowner/applicationowner',
        a3: 'dflt/default',
        a4: 'dflt/default',
        a5: 'dflt/default',
      },
    ],
    [
      ['permissionowner'],
      {
        a1: 'permowner/permissionowner',
        a2: 'groupowner/permissionowner',
        a3: 'dflt/default',
        a4: 'dflt/default',
        a5: 'permowner/permissionowner',
      },
    ],
    [
      ['groupowner', 'linemanager'],
      {
        a1: 'mgr/linemanager',
        a2: 'groupowner/groupowner',
        a3: 'dflt/default',
        a4: 'dflt/default',
        a5: 'ceo/linemanager',
      },
    ],
    [
      ['accountowner', 'linemanager'],
      {
        a1: 'acctowner/accountowner',
        a2: 'mgr/linemanager',
        a3: 'dflt/default',
        a4: 'dflt/default',
        a5: 'ceo/linemanager',
      },
    ],
    [
      ['repositoryowner'],
      {
        a1: 'appowner/repositoryowner',
        a2: 'appowner/repositoryowner',
        a3: 'dflt/default',
        a4: 'dflt/default',
        a5: 'dflt/default',
      },
    ],
    [
      ['myself', 'linemanager'],
      { a1: 'alice/myself', a2: 'bob/myself', a3: 'carl/myself', a4: 'dave/myself', a5: 'appowner/myself' },
    ],
  ])(
    'strategy %j picks the first rule yielding an active identity, never the identity itself',
    async (strategy, expected) => {
      const campaign = await launch(strategy);
      expect(await reviewers(campaign.id)).toEqual(expected);
    },
  );

  it('computes recommendations and inactive flags, and flags movers against the previous certification', async () => {
    const first = await launch(['linemanager'], {
      scope: { applicationKeys: ['crm'] },
      options: { inactiveAfterDays: 30 },
    });
    const flags = await recert.query<{
      assignment_key: string;
      recommendation: string;
      inactive: boolean;
      mover: boolean;
    }>(
      `SELECT assignment_key, recommendation, inactive, mover FROM review_item WHERE campaign_id = $1 ORDER BY assignment_key`,
      [first.id],
    );
    expect(flags).toEqual([
      { assignment_key: 'a1', recommendation: 'recommended', inactive: true, mover: false },
      { assignment_key: 'a2', recommendation: 'none', inactive: false, mover: false },
      { assignment_key: 'a5', recommendation: 'none', inactive: false, mover: false },
    ]);
    const [hr] = await recert.query<{ recommendation: string }>(
      `SELECT recommendation FROM review_item WHERE assignment_key = 'a3' LIMIT 1`,
    );
    expect(hr.recommendation).toBe('not_recommended');

    const mgr = recert.as('mgr', 'reviewer');
    const ceo = recert.as('ceo', 'reviewer');
    const mine = (await mgr.get(`/api/v1/reviews?campaignId=${first.id}`).expect(200)).body.items;
    await mgr
      .post(`/api/v1/campaigns/${first.id}/decisions`, {
        decisions: mine.map((i: { id: string }) => ({ itemId: i.id, decision: 'approve' })),
      })
      .expect(200);
    const ceoItems = (await ceo.get(`/api/v1/reviews?campaignId=${first.id}`).expect(200)).body.items;
    await ceo
      .post(`/api/v1/campaigns/${first.id}/decisions`, {
        decisions: ceoItems.map((i: { id: string }) => ({ itemId: i.id, decision: 'approve' })),
      })
      .expect(200);
    await recert.waitForCampaign(first.id, 'closed');

    const moved = reviewLedger();
    moved.identities[2].department = 'Marketing';
    await admin().post('/api/v1/ledger/imports', moved).expect(200);
    const second = await launch(['linemanager'], { scope: { applicationKeys: ['crm'] } });
    const movers = await recert.query<{ assignment_key: string; mover: boolean; inactive: boolean }>(
      `SELECT assignment_key, mover, inactive FROM review_item WHERE campaign_id = $1 ORDER BY assignment_key`,
      [second.id],
    );
    expect(movers).toEqual([
      { assignment_key: 'a1', mover: true, inactive: true },
      { assignment_key: 'a2', mover: false, inactive: false },
      { assignment_key: 'a5', mover: false, inactive: false },
    ]);
  });
});
