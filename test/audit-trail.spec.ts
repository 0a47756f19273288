import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

interface Entry {
  id: string;
  at: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
}

/** The audit trail as an auditor searches it (issue 14, item 7): by object, actor, action and time. */
describe('audit trail filters', () => {
  let recert: TestRecert;
  const auditor = () => recert.as('audit', 'auditor');
  const list = async (query: string) =>
    (await auditor().get(`/api/v1/audit?${query}`).expect(200)).body as {
      items: Entry[];
      nextCursor: string | null;
    };

  let campaignId: string;
  beforeAll(async () => {
    recert = await TestRecert.start();
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
    campaignId = (
      await recert
        .as('root', 'admin')
        .post('/api/v1/campaigns', {
          title: 'Audited',
          dueAt: inDays(5),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        })
        .expect(201)
    ).body.id;
    await recert.waitForCampaign(campaignId, 'active');
    await recert.as('root', 'admin').post(`/api/v1/campaigns/${campaignId}/pause`).expect(200);
  });
  afterAll(() => recert?.close());

  it('lists newest first on request, page after page, without gaps or repeats', async () => {
    const oldest = await list('limit=500');
    const all = oldest.items.map((e) => e.id);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`order=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...all].reverse());
  });

  it('filters by actor, action, object and a time window', async () => {
    const paused = await list('action=campaign.paused');
    expect(paused.items).toEqual([
      expect.objectContaining({
        actor: 'root',
        action: 'campaign.paused',
        objectType: 'campaign',
        objectId: campaignId,
      }),
    ]);
    const byRoot = await list('actor=root&limit=500');
    expect(byRoot.items.length).toBeGreaterThan(0);
    expect(new Set(byRoot.items.map((e) => e.actor))).toEqual(new Set(['root']));
    expect((await list('actor=nobody')).items).toEqual([]);

    const object = await list(`objectType=campaign&objectId=${campaignId}&limit=500`);
    expect(object.items.map((e) => e.action)).toContain('campaign.paused');
    expect(new Set(object.items.map((e) => e.objectId))).toEqual(new Set([campaignId]));

    const at = paused.items[0].at;
    const window = await list(
      `from=${encodeURIComponent(at)}&to=${encodeURIComponent(new Date(Date.parse(at) + 1).toISOString())}`,
    );
    expect(window.items.map((e) => e.id)).toContain(paused.items[0].id);
    expect((await list(`to=${encodeURIComponent(at)}&action=campaign.paused`)).items).toEqual([]);
  });

  it('refuses what it cannot read, and keeps reviewers out', async () => {
    const bad = await auditor().get('/api/v1/audit?from=yesterday').expect(400);
    expect(bad.body.errors[0].field).toBe('from');
    await auditor().get('/api/v1/audit?order=sideways').expect(400);
    await recert.as('bob', 'reviewer').get('/api/v1/audit').expect(403);
  });
});
