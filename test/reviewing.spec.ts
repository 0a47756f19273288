import type { CampaignView } from '../src/campaigns/campaign.view';
import type { ReviewItemView } from '../src/campaigns/review-item.view';
import { TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { reviewLedger } from './support/review-fixture';

/** Whom dflt may not forward an item to, and what the refusal says why. */
const FORWARD_REFUSALS: [string, string][] = [
  ['dflt', 'yourself'],
  ['alice', 'own access'],
  ['left', 'not an active identity'],
  ['nobody', 'not an active identity'],
];
describe('reviewing: inbox, drafts, decisions, forward and reassign, bulk', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const as = (key: string) => recert.as(key, 'reviewer');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', reviewLedger()).expect(200);
  });
  afterAll(() => recert.close());

  /** Everything reviewed by dflt (strategy default): a1…a5, one reviewer, five items. */
  async function launch(options: object = {}, extra: object = {}): Promise<CampaignView> {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Reviewing',
        dueAt: inDays(5),
        reviewers: { strategy: ['default'], defaultReviewerKey: 'dflt' },
        options,
        ...extra,
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  }

  async function inbox(key: string, query: string) {
    return (await as(key).get(`/api/v1/reviews?${query}`).expect(200)).body as {
      items: ReviewItemView[];
      counts: Record<string, number>;
    };
  }

  const byAssignment = (items: ReviewItemView[], key: string) => items.find((i) => i.assignmentKey === key)!;

  it('filters the inbox and counts by status for the caller only', async () => {
    const c = await launch({ inactiveAfterDays: 30 });
    const all = await inbox('dflt', `campaignId=${c.id}`);
    expect(all.items).toHaveLength(5);
    expect(all.counts).toEqual({ to_be_reviewed: 5 });
    expect(
      (await inbox('dflt', `campaignId=${c.id}&recommendation=recommended`)).items.map(
        (i) => i.assignmentKey,
      ),
    ).toEqual(['a1']);
    expect(
      (await inbox('dflt', `campaignId=${c.id}&recommendation=not_recommended`)).items.map(
        (i) => i.assignmentKey,
      ),
    ).toEqual(['a3']);
    expect(
      (await inbox('dflt', `campaignId=${c.id}&applicationKey=hr`)).items.map((i) => i.assignmentKey).sort(),
    ).toEqual(['a3', 'a4']);
    expect(
      (await inbox('dflt', `campaignId=${c.id}&inactive=true`)).items.map((i) => i.assignmentKey),
    ).toEqual(['a1']);
    expect((await inbox('dflt', `campaignId=${c.id}&mover=true`)).items).toEqual([]);
    await as('dflt')
      .post(`/api/v1/campaigns/${c.id}/decisions`, {
        decisions: [{ itemId: byAssignment(all.items, 'a4').id, decision: 'approve' }],
      })
      .expect(200);
    expect((await inbox('dflt', `campaignId=${c.id}&status=ok`)).counts).toEqual({
      to_be_reviewed: 4,
      ok: 1,
    });
    expect(await inbox('mgr', `campaignId=${c.id}`)).toEqual({ items: [], nextCursor: null, counts: {} });
    await as('dflt').get(`/api/v1/reviews?mover=maybe`).expect(400);
  });

  it('saves drafts, discards them back to the last confirmation, confirms them all at once, and audits every version', async () => {
    const c = await launch();
    const items = (await inbox('dflt', `campaignId=${c.id}`)).items;
    const [a1, a2] = [byAssignment(items, 'a1'), byAssignment(items, 'a2')];
    const draft = await as('dflt')
      .put(`/api/v1/reviews/${a1.id}/draft`)
      .send({ decision: 'approve', comment: 'fine' })
      .expect(200);
    expect(draft.body).toMatchObject({
      status: 'to_be_reviewed',
      draft: { decision: 'approve', comment: 'fine' },
    });
    await as('dflt').put(`/api/v1/reviews/${a2.id}/draft`).send({ decision: 'revoke' }).expect(200);

    expect((await as('dflt').delete(`/api/v1/campaigns/${c.id}/drafts`).expect(200)).body).toEqual({
      discarded: 2,
    });
    const afterDiscard = (await inbox('dflt', `campaignId=${c.id}`)).items;
    expect(afterDiscard.every((i) => i.draft === null && i.status === 'to_be_reviewed')).toBe(true);
    await as('dflt').post(`/api/v1/campaigns/${c.id}/confirm`).expect(400);

    await as('dflt').put(`/api/v1/reviews/${a1.id}/draft`).send({ decision: 'approve' }).expect(200);
    await as('dflt')
      .put(`/api/v1/reviews/${a2.id}/draft`)
      .send({ decision: 'revoke', comment: 'no longer in sales' })
      .expect(200);
    const confirmed = await as('dflt').post(`/api/v1/campaigns/${c.id}/confirm`).expect(200);
    // Items come in the order of their ids, which follows the launch's plan: compared by assignment.
    const byKey = (items: ReviewItemView[]) =>
      [...items].sort((x, y) => x.assignmentKey.localeCompare(y.assignmentKey));
    expect(byKey(confirmed.body.items).map((i) => [i.assignmentKey, i.status, i.draft])).toEqual([
      ['a1', 'ok', null],
      ['a2', 'revoke', null],
    ]);

    await as('dflt')
      .put(`/api/v1/reviews/${a2.id}/draft`)
      .send({ decision: 'approve', comment: 'reconsidered' })
      .expect(200);
    await as('dflt').delete(`/api/v1/campaigns/${c.id}/drafts`).expect(200);
    const [kept] = await recert.query<{ status: string }>(`SELECT status FROM review_item WHERE id = $1`, [
      a2.id,
    ]);
    expect(kept.status).toBe('revoke');

    await as('dflt')
      .post(`/api/v1/campaigns/${c.id}/decisions`, {
        decisions: [{ itemId: a2.id, decision: 'approve', comment: 'reconsidered' }],
      })
      .expect(200);
    const versions = await recert.query<{ before: { status: string }; after: { status: string } }>(
      `SELECT before, after FROM audit_event WHERE object_type = 'review_item' AND object_id = $1 ORDER BY seq`,
      [a2.id],
    );
    expect(versions.map((v) => `${v.before.status}→${v.after.status}`)).toEqual([
      'to_be_reviewed→revoke',
      'revoke→ok',
    ]);
  });

  it('records update decisions with their end date and enforces the comment option', async () => {
    const c = await launch({ commentRequired: 'revoke' });
    const items = (await inbox('dflt', `campaignId=${c.id}`)).items;
    const [a1, a2, a3] = ['a1', 'a2', 'a3'].map((k) => byAssignment(items, k));
    const url = `/api/v1/campaigns/${c.id}/decisions`;
    const noComment = await as('dflt')
      .post(url, { decisions: [{ itemId: a1.id, decision: 'revoke' }] })
      .expect(400);
    expect(noComment.body.errors).toEqual([
      { field: 'decisions[0].comment', message: expect.stringContaining('comment') },
    ]);
    await as('dflt')
      .post(url, { decisions: [{ itemId: a1.id, decision: 'revoke', comment: 'left' }] })
      .expect(200);
    await as('dflt')
      .post(url, { decisions: [{ itemId: a2.id, decision: 'approve' }] })
      .expect(200);

    const missingEnd = await as('dflt')
      .post(url, { decisions: [{ itemId: a3.id, decision: 'update' }] })
      .expect(400);
    expect(missingEnd.body.errors[0].field).toBe('decisions.0.endDate'.replace('.0.', '[0].'));
    await as('dflt')
      .post(url, { decisions: [{ itemId: a3.id, decision: 'update', endDate: '2020-01-01T00:00:00Z' }] })
      .expect(400);
    const end = inDays(20);
    const updated = await as('dflt')
      .post(url, { decisions: [{ itemId: a3.id, decision: 'update', endDate: end }] })
      .expect(200);
    expect(updated.body.items[0]).toMatchObject({ status: 'update', decisionDetails: { endDate: end } });

    const strict = await launch({ commentRequired: 'always' }, { scope: { identityKeys: ['dave'] } });
    const [dave] = (await inbox('dflt', `campaignId=${strict.id}`)).items;
    await as('dflt')
      .post(`/api/v1/campaigns/${strict.id}/decisions`, {
        decisions: [{ itemId: dave.id, decision: 'approve' }],
      })
      .expect(400);
  });

  it('forwards with self-delegation: the responsible reviewer changes, the accountable one never does', async () => {
    const c = await launch({ allowSelfDelegation: true });
    const items = (await inbox('dflt', `campaignId=${c.id}`)).items;
    const [a1, a5] = [byAssignment(items, 'a1'), byAssignment(items, 'a5')];
    const url = `/api/v1/campaigns/${c.id}/decisions`;
    for (const [to, message] of FORWARD_REFUSALS) {
      const res = await as('dflt')
        .post(url, { decisions: [{ itemId: a1.id, decision: 'forward', forwardTo: to }] })
        .expect(400);
      expect(res.body.errors[0]).toEqual({
        field: 'decisions[0].forwardTo',
        message: expect.stringContaining(message),
      });
    }
    const forwarded = await as('dflt')
      .post(url, {
        decisions: [{ itemId: a1.id, decision: 'forward', forwardTo: 'permowner', comment: 'not my scope' }],
      })
      .expect(200);
    expect(forwarded.body.items[0]).toMatchObject({
      status: 'to_be_reviewed',
      accountableReviewerKey: 'dflt',
      responsibleReviewerKey: 'permowner',
    });
    expect((await inbox('dflt', `campaignId=${c.id}`)).items.map((i) => i.assignmentKey)).not.toContain('a1');
    expect((await inbox('permowner', `campaignId=${c.id}`)).items.map((i) => i.id)).toEqual([a1.id]);
    await as('dflt')
      .post(url, { decisions: [{ itemId: a1.id, decision: 'approve' }] })
      .expect(404);
    const decided = await as('permowner')
      .post(url, { decisions: [{ itemId: a1.id, decision: 'approve' }] })
      .expect(200);
    expect(decided.body.items[0]).toMatchObject({
      status: 'ok',
      decidedBy: 'permowner',
      accountableReviewerKey: 'dflt',
    });
    const task = await recert.client.workflow.getHandle(`${c.workflowId}-reviewer-permowner`).describe();
    expect(task.status.name).toBe('RUNNING');

    await admin()
      .post(`/api/v1/campaigns/${c.id}/reassign`, { itemIds: [a5.id], to: 'appowner' })
      .expect(400);
  });

  it('refuses a draft forward that confirming would refuse, so the other drafts still confirm', async () => {
    const c = await launch({ allowSelfDelegation: true });
    const items = (await inbox('dflt', `campaignId=${c.id}`)).items;
    const [a1, a2] = [byAssignment(items, 'a1'), byAssignment(items, 'a2')];
    for (const [to, message] of FORWARD_REFUSALS) {
      const res = await as('dflt')
        .put(`/api/v1/reviews/${a1.id}/draft`)
        .send({ decision: 'forward', forwardTo: to })
        .expect(400);
      expect(res.body).toMatchObject({
        type: expect.stringMatching(/invalid-decision/),
        errors: [{ field: 'forwardTo', message: expect.stringContaining(message) }],
      });
    }
    expect(byAssignment((await inbox('dflt', `campaignId=${c.id}`)).items, 'a1').draft).toBeNull();

    await as('dflt').put(`/api/v1/reviews/${a2.id}/draft`).send({ decision: 'approve' }).expect(200);
    await as('dflt')
      .put(`/api/v1/reviews/${a1.id}/draft`)
      .send({ decision: 'forward', forwardTo: 'permowner' })
      .expect(200);
    const confirmed = await as('dflt').post(`/api/v1/campaigns/${c.id}/confirm`).expect(200);
    expect(
      confirmed.body.items
        .map((i: ReviewItemView) => [i.assignmentKey, i.status, i.responsibleReviewerKey])
        .sort(),
    ).toEqual([
      ['a1', 'to_be_reviewed', 'permowner'],
      ['a2', 'ok', 'dflt'],
    ]);
  });

  it('without self-delegation sends forwards to the reassign queue, where an admin reassigns or resets them', async () => {
    const c = await launch({ allowSelfDelegation: false });
    const items = (await inbox('dflt', `campaignId=${c.id}`)).items;
    const [a3, a4] = [byAssignment(items, 'a3'), byAssignment(items, 'a4')];
    const url = `/api/v1/campaigns/${c.id}/decisions`;
    const sent = await as('dflt')
      .post(url, { decisions: [{ itemId: a3.id, decision: 'forward', forwardTo: 'mgr' }] })
      .expect(200);
    expect(sent.body.items[0]).toMatchObject({
      status: 'reassign',
      responsibleReviewerKey: 'dflt',
      decisionDetails: { forwardTo: 'mgr' },
    });
    const again = await as('dflt')
      .post(url, { decisions: [{ itemId: a3.id, decision: 'approve' }] })
      .expect(400);
    expect(again.body.errors[0].message).toMatch(/administrator/);

    const queue = await admin().get(`/api/v1/campaigns/${c.id}/items?status=reassign`).expect(200);
    expect(queue.body.items.map((i: ReviewItemView) => i.id)).toEqual([a3.id]);
    await as('dflt').get(`/api/v1/campaigns/${c.id}/items`).expect(403);

    await admin()
      .post(`/api/v1/campaigns/${c.id}/reassign`, { itemIds: [a3.id], to: 'left' })
      .expect(400);
    await admin()
      .post(`/api/v1/campaigns/${c.id}/reassign`, { itemIds: [a3.id], to: 'carl' })
      .expect(400);
    const reassigned = await admin()
      .post(`/api/v1/campaigns/${c.id}/reassign`, { itemIds: [a3.id, a4.id], to: 'mgr' })
      .expect(200);
    expect(
      reassigned.body.items.map((i: ReviewItemView) => [
        i.status,
        i.accountableReviewerKey,
        i.responsibleReviewerKey,
      ]),
    ).toEqual([
      ['to_be_reviewed', 'dflt', 'mgr'],
      ['to_be_reviewed', 'dflt', 'mgr'],
    ]);
    expect((await inbox('mgr', `campaignId=${c.id}`)).items).toHaveLength(2);

    const reset = await admin()
      .post(`/api/v1/campaigns/${c.id}/reset-delegation`, { itemIds: [a4.id] })
      .expect(200);
    expect(reset.body.items[0]).toMatchObject({
      responsibleReviewerKey: 'dflt',
      accountableReviewerKey: 'dflt',
    });
    const actions = await recert.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE campaign_id = $1 AND object_type = 'review_item' ORDER BY seq`,
      [c.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'item.sent_to_reassign',
      'item.reassigned',
      'item.reassigned',
      'item.delegation_reset',
    ]);
  });

  it('decides in bulk by filter, all or nothing', async () => {
    const c = await launch({ commentRequired: 'revoke' });
    const url = `/api/v1/campaigns/${c.id}/decisions/bulk`;
    const approved = await as('dflt')
      .post(url, { filter: { recommendation: 'none' }, decision: 'approve' })
      .expect(200);
    expect(approved.body.items.map((i: ReviewItemView) => i.assignmentKey).sort()).toEqual([
      'a2',
      'a4',
      'a5',
    ]);
    expect(approved.body).toMatchObject({ matched: 3, remaining: 0 });
    await as('dflt').post(url, { filter: {}, decision: 'revoke' }).expect(400);
    const left = (await inbox('dflt', `campaignId=${c.id}&status=to_be_reviewed`)).items;
    expect(left.map((i) => i.assignmentKey).sort()).toEqual(['a1', 'a3']);
    const revoked = await as('dflt')
      .post(url, { filter: {}, decision: 'revoke', comment: 'cleanup' })
      .expect(200);
    expect(revoked.body.items).toHaveLength(2);
    await recert.waitForCampaign(c.id, 'closed');
  });

  it('refuses decisions racing a pause, and after the due date, changing nothing', async () => {
    const c = await launch();
    const items = (await inbox('dflt', `campaignId=${c.id}`)).items;
    const url = `/api/v1/campaigns/${c.id}/decisions`;
    const decisions = items.map((i) =>
      as('dflt').post(url, { decisions: [{ itemId: i.id, decision: 'approve' }] }),
    );
    const pause = admin().post(`/api/v1/campaigns/${c.id}/pause`);
    const results = await Promise.all([...decisions, pause]);
    expect(results.at(-1)!.status).toBe(200);
    for (const r of results.slice(0, -1)) expect([200, 409]).toContain(r.status);
    // Commit order, not transaction start times: the audit chain numbers entries as they commit.
    const late = await recert.query(
      `SELECT d.id FROM audit_event d
         JOIN audit_event p ON p.campaign_id = d.campaign_id AND p.action = 'campaign.paused'
        WHERE d.campaign_id = $1 AND d.action = 'item.decided' AND d.seq > p.seq`,
      [c.id],
    );
    expect(late).toEqual([]);
    const decidedCount = (
      await recert.query(`SELECT id FROM review_item WHERE campaign_id = $1 AND status = 'ok'`, [c.id])
    ).length;
    expect(decidedCount).toBe(results.slice(0, -1).filter((r) => r.status === 200).length);

    const due = await admin()
      .post('/api/v1/campaigns', {
        title: 'Due soon',
        dueAt: new Date(Date.now() + 3000).toISOString(),
        reviewers: { strategy: ['default'], defaultReviewerKey: 'dflt' },
      })
      .expect(201);
    await recert.waitForCampaign(due.body.id, 'active');
    const [item] = (await inbox('dflt', `campaignId=${due.body.id}`)).items;
    await new Promise((r) => setTimeout(r, 3500));
    const refused = await as('dflt')
      .post(`/api/v1/campaigns/${due.body.id}/decisions`, {
        decisions: [{ itemId: item.id, decision: 'approve' }],
      })
      .expect(409);
    expect(refused.body.type).toMatch(/campaign-not-active/);
    const [still] = await recert.query<{ decided_by: string | null }>(
      `SELECT decided_by FROM review_item WHERE id = $1`,
      [item.id],
    );
    expect(still.decided_by).not.toBe('dflt');
  });
});
