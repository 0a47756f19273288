import type { CampaignView } from '../src/campaigns/campaign.view';
import type { ReviewItemView } from '../src/campaigns/review-item.view';
import { TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { reviewLedger } from './support/review-fixture';

/**
 * What a refusal says, with the item id it names taken out: foreign and unknown ids must read alike. Only
 * the whole number is replaced: a short id such as 4 also occurs inside the status 404.
 */
function shape(res: { status: number; body: Record<string, unknown> }, id: string) {
  return JSON.parse(
    JSON.stringify({ status: res.status, body: { ...res.body, instance: undefined } }).replace(
      new RegExp(`\\b${id}\\b`, 'g'),
      '<id>',
    ),
  );
}

describe('authorization matrix', () => {
  let recert: TestRecert;
  let campaign: CampaignView;
  let mine: ReviewItemView[];
  let theirs: ReviewItemView[];
  const UNKNOWN = '987654321';
  const admin = () => recert.as('root', 'admin');
  const mgr = () => recert.as('mgr', 'reviewer');
  const dflt = () => recert.as('dflt', 'reviewer');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', reviewLedger()).expect(200);
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Matrix',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      })
      .expect(201);
    campaign = await recert.waitForCampaign(res.body.id, 'active');
    mine = (await mgr().get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body.items;
    theirs = (await dflt().get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body.items;
    await dflt().put(`/api/v1/reviews/${theirs[0].id}/draft`).send({ decision: 'revoke' }).expect(200);
  });
  afterAll(() => recert.close());

  it('shows a reviewer only their items and their counts', async () => {
    expect(mine.map((i) => i.responsibleReviewerKey)).toEqual(['mgr', 'mgr']);
    expect(theirs.every((i) => i.responsibleReviewerKey === 'dflt')).toBe(true);
    const res = await mgr().get(`/api/v1/reviews`).expect(200);
    expect(res.body.counts).toEqual({ to_be_reviewed: 2 });
    expect(res.body.items.map((i: ReviewItemView) => i.id).sort()).toEqual(mine.map((i) => i.id).sort());
  });

  it('answers foreign item ids exactly like unknown ones, for every reviewer action', async () => {
    const foreign = theirs[0].id;
    const attempts: [string, (id: string) => Promise<{ status: number; body: Record<string, unknown> }>][] = [
      [
        'decide',
        (id) =>
          mgr().post(`/api/v1/campaigns/${campaign.id}/decisions`, {
            decisions: [{ itemId: id, decision: 'approve' }],
          }),
      ],
      [
        'forward',
        (id) =>
          mgr().post(`/api/v1/campaigns/${campaign.id}/decisions`, {
            decisions: [{ itemId: id, decision: 'forward', forwardTo: 'ceo' }],
          }),
      ],
      ['draft', (id) => mgr().put(`/api/v1/reviews/${id}/draft`).send({ decision: 'approve' })],
    ];
    for (const [what, attempt] of attempts) {
      const a = await attempt(foreign);
      const b = await attempt(UNKNOWN);
      expect({ what, status: a.status }).toEqual({ what, status: 404 });
      expect(shape(a, foreign)).toEqual(shape(b, UNKNOWN));
    }
    const [row] = await recert.query<{
      status: string;
      responsible_reviewer_key: string;
      draft_decision: string;
    }>(`SELECT status, responsible_reviewer_key, draft_decision FROM review_item WHERE id = $1`, [foreign]);
    expect(row).toEqual({
      status: 'to_be_reviewed',
      responsible_reviewer_key: 'dflt',
      draft_decision: 'revoke',
    });
  });

  it("never touches another reviewer's drafts or items through confirm, discard or bulk", async () => {
    await mgr().delete(`/api/v1/campaigns/${campaign.id}/drafts`).expect(200);
    await mgr().post(`/api/v1/campaigns/${campaign.id}/confirm`).expect(400);
    const bulk = await mgr()
      .post(`/api/v1/campaigns/${campaign.id}/decisions/bulk`, { filter: {}, decision: 'approve' })
      .expect(200);
    expect(bulk.body.items.map((i: ReviewItemView) => i.id).sort()).toEqual(mine.map((i) => i.id).sort());
    const others = await recert.query<{ status: string; draft_decision: string | null }>(
      `SELECT status, draft_decision FROM review_item WHERE campaign_id = $1 AND responsible_reviewer_key = 'dflt' ORDER BY id`,
      [campaign.id],
    );
    expect(others[0]).toEqual({ status: 'to_be_reviewed', draft_decision: 'revoke' });
    expect(others.every((o) => o.status === 'to_be_reviewed')).toBe(true);
  });

  it.each([
    ['GET', '/api/v1/campaigns'],
    ['GET', '/api/v1/campaigns/:id'],
    ['GET', '/api/v1/campaigns/:id/items'],
    ['GET', '/api/v1/audit'],
    ['POST', '/api/v1/campaigns/:id/pause'],
    ['POST', '/api/v1/campaigns/:id/reassign'],
    ['POST', '/api/v1/campaigns/:id/reset-delegation'],
    ['POST', '/api/v1/ledger/imports'],
  ])('refuses %s %s to a reviewer with 403', async (method, path) => {
    const url = path.replace(':id', campaign.id);
    const res = method === 'GET' ? await mgr().get(url) : await mgr().post(url, {});
    expect(res.status).toBe(403);
  });

  it('lets auditors read and nothing else', async () => {
    const auditor = recert.as('aud', 'auditor');
    await auditor.get(`/api/v1/campaigns/${campaign.id}`).expect(200);
    await auditor.get(`/api/v1/campaigns/${campaign.id}/items`).expect(200);
    await auditor.get(`/api/v1/audit?campaignId=${campaign.id}`).expect(200);
    for (const path of [
      'pause',
      'cancel',
      'finalize',
      'reassign',
      'reset-delegation',
      'decisions',
      'confirm',
    ]) {
      await auditor.post(`/api/v1/campaigns/${campaign.id}/${path}`, {}).expect(403);
    }
    await auditor.get('/api/v1/reviews').expect(403);
  });

  it('finds people for pickers only: 3 characters or more, 10 at most, names and keys unless admin', async () => {
    const zeldas = Array.from({ length: 12 }, (_, i) => ({
      key: `zz-${i}`,
      displayName: `Zelda ${String(i).padStart(2, '0')}`,
      email: `zelda${i}@corp.example`,
      department: 'Hidden department',
      jobTitle: 'Hidden title',
    }));
    await admin().post('/api/v1/ledger/imports', { identities: zeldas }).expect(200);
    const people = (as: ReturnType<typeof admin>, query: string) => as.get(`/api/v1/people?${query}`);

    const asReviewer = await people(mgr(), 'q=zel').expect(200);
    expect(asReviewer.body).toEqual(
      zeldas.slice(0, 10).map(({ key, displayName }) => ({ key, displayName })),
    );
    const asAuditor = await people(recert.as('aud', 'auditor'), 'q=zel').expect(200);
    expect(asAuditor.body[0]).toEqual({ key: 'zz-0', displayName: 'Zelda 00' });
    const asAdmin = await people(admin(), 'q=zel&limit=10').expect(200);
    expect(asAdmin.body).toEqual(zeldas.slice(0, 10));

    for (const q of ['z', 'ze', '%20ze%20', '']) {
      const short = await people(mgr(), `q=${q}`).expect(400);
      expect(short.body.errors).toEqual([{ field: 'q', message: expect.stringContaining('3') }]);
    }
    const long = await people(mgr(), 'q=zel&limit=11').expect(400);
    expect(long.body.errors).toEqual([{ field: 'limit', message: expect.any(String) }]);

    // Part of an address would tell it letter by letter: others find a person by the whole of it.
    expect((await people(admin(), 'q=corp.example').expect(200)).body).toHaveLength(10);
    expect((await people(mgr(), 'q=corp.example').expect(200)).body).toEqual([]);
    expect((await people(mgr(), 'q=ZELDA3@corp.example').expect(200)).body).toEqual([
      { key: 'zz-3', displayName: 'Zelda 03' },
    ]);
  });
});
