import { TestRecert } from './support/harness';
import { financeCampaign, financeLedger, reviewFinance } from './support/finance-fixture';

interface Item {
  id: string;
  assignmentKey: string;
  status: string;
  decidedBy: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

/** Issue 29, points 14, 15 and 20: a campaign's items filtered and searched, each one's story, honest progress. */
describe("a campaign's items and each item's story", () => {
  let recert: TestRecert;
  let campaignId: string;
  let ids: { ginaGlPost: string; hugoGlPost: string; kimCrm: string };
  const admin = () => recert.as('root', 'admin');
  const keys = async (query: string) => {
    const page = (await admin().get(`/api/v1/campaigns/${campaignId}/items?${query}`).expect(200))
      .body as Page;
    return page.items.map((i) => i.assignmentKey).sort();
  };

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', financeLedger()).expect(200);
    const created = await admin().post('/api/v1/campaigns', financeCampaign()).expect(201);
    campaignId = (await recert.waitForCampaign(created.body.id, 'active')).id;
    ids = await reviewFinance((sub) => recert.as(sub, 'reviewer'), campaignId);
    await admin().post(`/api/v1/campaigns/${campaignId}/finalize`).expect(200);
    await recert.waitForCampaign(campaignId, 'closed');
  });
  afterAll(() => recert.close());

  it('filters by reviewer, status, who decided and application', async () => {
    expect(await keys('reviewer=ctl')).toEqual(['jane-gl-post', 'kim-crm']);
    expect(await keys('reviewer=cfo')).toHaveLength(8);
    expect(await keys('status=revoke')).toEqual(['gina-gl-post']);
    expect(await keys('decidedBy=reviewer')).toEqual([
      'gina-gl-post',
      'gina-gl-read',
      'hugo-gl-post',
      'ivan-gl-read',
    ]);
    expect(await keys('decidedBy=due-date')).toEqual([
      'gina-sap',
      'hugo-crm',
      'ivan-ns',
      'jane-gl-post',
      'jane-sap',
      'kim-crm',
    ]);
    expect(await keys('application=gl')).toEqual([
      'gina-gl-post',
      'gina-gl-read',
      'hugo-gl-post',
      'ivan-gl-read',
      'jane-gl-post',
    ]);
    expect(await keys('application=gl&decidedBy=due-date&reviewer=ctl')).toEqual(['jane-gl-post']);
  });

  it('searches names and keys of the identity and the permission, wildcards taken literally', async () => {
    expect(await keys('q=gina')).toEqual(['gina-gl-post', 'gina-gl-read', 'gina-sap']);
    expect(await keys('q=Gina%20Gr')).toEqual(['gina-gl-post', 'gina-gl-read', 'gina-sap']);
    expect(await keys('q=gl%20posting')).toEqual(['gina-gl-post', 'hugo-gl-post', 'jane-gl-post']);
    expect(await keys('q=gl-post&decidedBy=reviewer')).toEqual(['gina-gl-post', 'hugo-gl-post']);
    expect(await keys('q=netsuite')).toEqual(['ivan-ns']);
    expect(await keys('q=%25')).toEqual([]);
    expect(await keys('q=_')).toEqual([]);
  });

  it('pages with the cursor through every item once', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: Page = (
        await admin()
          .get(`/api/v1/campaigns/${campaignId}/items?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body;
      seen.push(...page.items.map((i) => i.assignmentKey));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(10);
  });

  it('refuses filters out of bounds, and callers who are neither administrators nor auditors', async () => {
    const url = `/api/v1/campaigns/${campaignId}/items`;
    await admin()
      .get(`${url}?q=${'x'.repeat(201)}`)
      .expect(400);
    await admin().get(`${url}?decidedBy=robot`).expect(400);
    await admin()
      .get(`${url}?reviewer=${'x'.repeat(201)}`)
      .expect(400);
    await admin().get(`${url}?limit=501`).expect(400);
    await admin().get(`${url}?identity=gina`).expect(400);
    await recert.as('aud', 'auditor').get(`${url}?q=gina`).expect(200);
    await recert.as('cfo', 'reviewer').get(`${url}?q=gina`).expect(403);
    await recert.as('cfo', 'reviewer').get(`${url}/${ids.ginaGlPost}`).expect(403);
  });

  it("tells an item's story: who decided, when, alone or in bulk, through what; the due date's part", async () => {
    const story = (
      await recert
        .as('aud', 'auditor')
        .get(`/api/v1/campaigns/${campaignId}/items/${ids.ginaGlPost}`)
        .expect(200)
    ).body;
    expect(story).toMatchObject({
      campaign: { id: campaignId, status: 'closed' },
      item: { status: 'revoke', decidedBy: 'cfo', comment: 'Left the GL team in May' },
      identity: { key: 'gina', name: 'Gina Green' },
      applicationName: 'General Ledger',
      permissionName: 'GL posting',
      accountableReviewer: { key: 'cfo', name: 'Fiona Finance' },
      closedAtDueDate: false,
      forward: null,
    });
    const decided = story.events.filter((e: { action: string }) => e.action === 'item.decided');
    expect(decided).toEqual([
      expect.objectContaining({
        actor: { key: 'cfo', name: 'Fiona Finance' },
        before: expect.objectContaining({ status: 'to_be_reviewed' }),
        after: expect.objectContaining({ status: 'revoke', comment: 'Left the GL team in May' }),
        batchSize: 1,
      }),
    ]);
    expect(Date.parse(decided[0].at)).toBeGreaterThan(0);

    const bulk = (await admin().get(`/api/v1/campaigns/${campaignId}/items/${ids.hugoGlPost}`).expect(200))
      .body;
    expect(bulk.events.find((e: { action: string }) => e.action === 'item.decided')).toMatchObject({
      after: expect.objectContaining({ status: 'ok' }),
      batchSize: 3,
    });

    const closed = (await admin().get(`/api/v1/campaigns/${campaignId}/items/${ids.kimCrm}`).expect(200))
      .body;
    expect(closed).toMatchObject({
      closedAtDueDate: true,
      item: { status: 'not_reviewed', decidedBy: 'system' },
    });
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['item.resolved_at_due_date']);

    const forwarded = (await keys('q=jane-sap')).length;
    expect(forwarded).toBe(1);
    const janeSap = (
      (await admin().get(`/api/v1/campaigns/${campaignId}/items?q=jane-sap`).expect(200)).body as Page
    ).items[0];
    const handedOver = (await admin().get(`/api/v1/campaigns/${campaignId}/items/${janeSap.id}`).expect(200))
      .body;
    expect(handedOver).toMatchObject({
      accountableReviewer: { key: 'ctl' },
      responsibleReviewer: { key: 'cfo' },
      forward: { by: { key: 'ctl', name: 'Carl Controller' }, reason: 'Jane works for Fiona on SAP' },
    });
    expect(handedOver.events.map((e: { action: string }) => e.action)).toEqual([
      'item.forwarded',
      'item.resolved_at_due_date',
    ]);
  });

  it('answers 404 for an item of no such campaign and 400 for what is not an id', async () => {
    await admin().get(`/api/v1/campaigns/${campaignId}/items/999999999`).expect(404);
    await admin()
      .get(`/api/v1/campaigns/00000000-0000-4000-8000-000000000000/items/${ids.kimCrm}`)
      .expect(404);
    await admin().get(`/api/v1/campaigns/${campaignId}/items/abc`).expect(400);
  });

  it('counts what reviewers decided apart from what the due date closed', async () => {
    const campaign = (await admin().get(`/api/v1/campaigns/${campaignId}`).expect(200)).body;
    expect(campaign.closedAtDueDate).toBe(6);
    const report = (await admin().get(`/api/v1/campaigns/${campaignId}/report`).expect(200)).body;
    const byKey = Object.fromEntries(report.byReviewer.map((r: { key: string }) => [r.key, r]));
    expect(byKey.cfo).toMatchObject({ items: 8, pending: 0, decidedByReviewer: 4, closedAtDueDate: 4 });
    expect(byKey.ctl).toMatchObject({ items: 2, pending: 0, decidedByReviewer: 0, closedAtDueDate: 2 });
    const gl = report.byApplication.find((a: { key: string }) => a.key === 'gl');
    expect(gl).toMatchObject({ items: 5, decidedByReviewer: 4, closedAtDueDate: 1 });
  });
});
