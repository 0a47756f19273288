import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

/** Issue 16, item 4: `fullReview: false` (seed 003 custom8) reviews only what changed since certified. */
describe('a delta campaign', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const reviewers = { strategy: ['default'], defaultReviewerKey: 'dflt' };
  const scope = { applicationKeys: ['crm'] };
  const options = (fullReview: boolean) => ({
    fullReview,
    notifications: { reminders: null, closingSoon: null, escalateAfter: null },
  });

  const launch = async (title: string, fullReview: boolean) => {
    const res = await admin()
      .post('/api/v1/campaigns', { title, dueAt: inDays(5), scope, reviewers, options: options(fullReview) })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  };
  const itemKeys = async (campaignId: string) =>
    (
      await recert.query<{ assignment_key: string }>(
        `SELECT assignment_key FROM review_item WHERE campaign_id = $1 ORDER BY assignment_key`,
        [campaignId],
      )
    ).map((r) => r.assignment_key);

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('skips what was approved and has not changed, and reviews the new, the changed and the revoked', async () => {
    const certified = await launch('CRM certification', true);
    expect(await itemKeys(certified.id)).toEqual([
      'as-alice-crm-admin',
      'as-bob-crm-user',
      'as-carol-crm-user',
      'as-dave-crm-user',
      'as-mgr-crm-admin',
    ]);
    const dflt = recert.as('dflt', 'reviewer');
    const inbox = (await dflt.get(`/api/v1/reviews?campaignId=${certified.id}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    await dflt
      .post(`/api/v1/campaigns/${certified.id}/decisions`, {
        decisions: inbox.map((i) => ({
          itemId: i.id,
          decision: i.assignmentKey === 'as-dave-crm-user' ? 'revoke' : 'approve',
          comment: 'checked',
        })),
      })
      .expect(200);
    await recert.waitForCampaign(certified.id, 'closed');

    // Since then: Alice moved to Support, Carol's access is no longer compliant, Bob got CRM Admin.
    const ledger = smallLedger();
    Object.assign(
      ledger.identities.find((i) => i.key === 'alice')!,
      { department: 'Support' },
    );
    const carol = ledger.assignments.find((a) => a.key === 'as-carol-crm-user')!;
    Object.assign(carol, { compliance: 'non_compliant' });
    ledger.assignments.push({ key: 'as-bob-crm-admin', identityKey: 'bob', permissionKey: 'crm-admin' });
    await admin().post('/api/v1/ledger/imports', ledger).expect(200);

    const changed = ['as-alice-crm-admin', 'as-bob-crm-admin', 'as-carol-crm-user', 'as-dave-crm-user'];
    const preview = await admin()
      .post('/api/v1/campaigns/preview', { scope, reviewers, fullReview: false })
      .expect(200);
    expect(preview.body.items).toBe(changed.length);

    const delta = await launch('CRM changes only', false);
    expect(delta.options.fullReview).toBe(false);
    expect(await itemKeys(delta.id)).toEqual(changed);
    expect(delta.counts.total).toBe(changed.length);
    const moved = await recert.query<{ mover: boolean }>(
      `SELECT mover FROM review_item WHERE campaign_id = $1 AND assignment_key = 'as-alice-crm-admin'`,
      [delta.id],
    );
    expect(moved).toEqual([{ mover: true }]);

    // A full review of the same scope still takes everything.
    const full = await launch('CRM full review', true);
    expect(await itemKeys(full.id)).toEqual([...changed, 'as-bob-crm-user', 'as-mgr-crm-admin'].sort());
  });
});
