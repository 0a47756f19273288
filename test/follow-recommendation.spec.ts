import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

/** Issue 16, item 4: `onDueDate: "follow_recommendation"`. */
describe('undecided items follow their recommendation at the due date', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('approves the recommended, revokes the not recommended, and leaves the rest not reviewed', async () => {
    const created = await admin()
      .post('/api/v1/campaigns', {
        title: 'Follow the recommendation',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        onDueDate: 'follow_recommendation',
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
      })
      .expect(201);
    const campaign = await recert.waitForCampaign(created.body.id, 'active');
    expect(campaign.onDueDate).toBe('follow_recommendation');

    // A decision taken before the due date stands, whatever the recommendation.
    const mgr = recert.as('mgr', 'reviewer');
    const inbox = (await mgr.get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    const decided = inbox.find((i) => i.assignmentKey === 'as-bob-crm-user')!;
    await mgr
      .post(`/api/v1/campaigns/${campaign.id}/decisions`, {
        decisions: [{ itemId: decided.id, decision: 'approve' }],
      })
      .expect(200);

    await admin().post(`/api/v1/campaigns/${campaign.id}/finalize`).expect(200);
    const closed = await recert.waitForCampaign(campaign.id, 'closed');
    const items = await recert.query<{
      assignment_key: string;
      recommendation: string;
      status: string;
      comment: string;
    }>(`SELECT assignment_key, recommendation, status, comment FROM review_item WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const expected = { recommended: 'ok', not_recommended: 'revoke', none: 'not_reviewed' } as const;
    for (const item of items) {
      if (item.assignment_key === decided.assignmentKey) {
        expect(item).toMatchObject({ recommendation: 'none', status: 'ok' });
        continue;
      }
      expect({ key: item.assignment_key, status: item.status }).toEqual({
        key: item.assignment_key,
        status: expected[item.recommendation as keyof typeof expected],
      });
      expect(item.comment).toBe('Undecided at the end of the campaign: its recommendation followed');
    }
    // The ledger holds every kind: the rule was tried on each.
    expect(new Set(items.map((i) => i.recommendation))).toEqual(
      new Set(['recommended', 'not_recommended', 'none']),
    );
    expect(closed.counts).toMatchObject({
      ok: items.filter((i) => i.status === 'ok').length,
      revoke: items.filter((i) => i.status === 'revoke').length,
      not_reviewed: items.filter((i) => i.status === 'not_reviewed').length,
    });
  });
});
