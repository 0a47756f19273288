import type { RemediationView } from '../src/remediation/remediation.view';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

const IMPORTS = '/api/v1/ledger/imports';

/** smallLedger's CRM with more accounts: Bob's, a retired service account nobody owns, a disabled one. */
function accountLedger() {
  const ledger = smallLedger();
  return {
    ...ledger,
    accounts: [
      ...ledger.accounts,
      { key: 'crm-bob', applicationKey: 'crm', login: 'bob', ownerKey: 'bob' },
      { key: 'crm-orphan', applicationKey: 'crm', login: 'svc-old' },
      { key: 'crm-carol', applicationKey: 'crm', login: 'carol', ownerKey: 'carol', status: 'disabled' },
      { key: 'erp-dave', applicationKey: 'erp', login: 'dave', ownerKey: 'dave' },
    ],
  };
}

/** Issue 16, item 3: campaigns of type `account` (seed 003), orphan accounts through to remediation. */
describe('an account campaign', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const campaign = (overrides: Record<string, unknown> = {}) => ({
    title: 'CRM accounts',
    type: 'account',
    dueAt: inDays(5),
    scope: { applicationKeys: ['crm'] },
    reviewers: { strategy: ['accountowner', 'applicationowner'], defaultReviewerKey: 'dflt' },
    options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
    ...overrides,
  });
  const itemsOf = (campaignId: string) =>
    recert.query<{
      kind: string;
      assignment_key: string;
      identity_key: string | null;
      permission_key: string | null;
      account_key: string;
      label: string;
      responsible_reviewer_key: string;
      reviewer_origin: string;
      recommendation: string;
      mover: boolean;
      owner_snapshot: Record<string, unknown>;
    }>(
      `SELECT kind, assignment_key, identity_key, permission_key, account_key, label, responsible_reviewer_key,
              reviewer_origin, recommendation, mover, owner_snapshot
       FROM review_item WHERE campaign_id = $1 ORDER BY assignment_key`,
      [campaignId],
    );
  const decide = async (reviewer: string, campaignId: string, decision: string, comment: string) => {
    const as = recert.as(reviewer, 'reviewer');
    const inbox = (await as.get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items as {
      id: string;
    }[];
    await as
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: inbox.map((i) => ({ itemId: i.id, decision, comment })),
      })
      .expect(200);
  };
  const remediationsOf = async (campaignId: string) =>
    (await admin().get(`/api/v1/remediations?campaignId=${campaignId}`).expect(200)).body
      .items as RemediationView[];

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post(IMPORTS, accountLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('refuses a permission scope and rules that need a permission', async () => {
    const res = await admin()
      .post(
        '/api/v1/campaigns',
        campaign({
          scope: { permissionKeys: ['crm-user'] },
          reviewers: { strategy: ['permissionowner'], defaultReviewerKey: 'dflt' },
        }),
      )
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'scope.permissionKeys',
      'reviewers.strategy[0]',
    ]);
  });

  it('reviews every live account, the orphan included, keeps or revokes them, and removes the revoked one', async () => {
    const preview = await admin()
      .post('/api/v1/campaigns/preview', {
        type: 'account',
        scope: { applicationKeys: ['crm'] },
        reviewers: { strategy: ['accountowner', 'applicationowner'], defaultReviewerKey: 'dflt' },
      })
      .expect(200);
    expect(preview.body).toMatchObject({ items: 3, reviewers: 3, identities: 2, applications: 1 });

    const created = await admin().post('/api/v1/campaigns', campaign()).expect(201);
    const launched = await recert.waitForCampaign(created.body.id, 'active');
    expect(launched.type).toBe('account');
    const items = await itemsOf(launched.id);
    expect(items.map((i) => [i.account_key, i.responsible_reviewer_key, i.reviewer_origin])).toEqual([
      ['crm-alice', 'alice', 'accountowner'],
      ['crm-bob', 'bob', 'accountowner'],
      ['crm-orphan', 'mgr', 'applicationowner'],
    ]);
    const orphan = items.find((i) => i.account_key === 'crm-orphan')!;
    expect(orphan).toMatchObject({
      kind: 'account',
      assignment_key: 'crm-orphan',
      identity_key: null,
      permission_key: null,
      label: 'No owner · CRM · svc-old',
      recommendation: 'not_recommended',
    });
    expect(items.find((i) => i.account_key === 'crm-alice')).toMatchObject({
      identity_key: 'alice',
      label: 'Alice · CRM · alice',
      recommendation: 'none',
      owner_snapshot: { ownerKey: 'alice', managerKey: 'mgr', department: 'Sales', jobTitle: 'Rep' },
    });

    // The reviewer page tells an account from a right, and an orphan by its missing owner.
    const page = await recert
      .as('mgr', 'reviewer')
      .get(`/api/v1/reviews/campaigns/${launched.id}`)
      .expect(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        kind: 'account',
        identity: null,
        permission: null,
        account: { key: 'crm-orphan', login: 'svc-old' },
        recommendation: 'not_recommended',
      }),
    ]);

    await decide('alice', launched.id, 'approve', 'mine, in use');
    await decide('bob', launched.id, 'approve', 'mine');
    await decide('mgr', launched.id, 'revoke', 'service retired');
    await recert.waitForCampaign(launched.id, 'closed');

    const [task] = await eventually(async () => {
      const list = await remediationsOf(launched.id);
      return list.length === 1 && list[0].closedStatus === 0 ? list : undefined;
    });
    expect(task).toMatchObject({
      kind: 'account',
      action: 'revoke',
      type: 'embedded',
      assignmentKey: 'crm-orphan',
      accountKey: 'crm-orphan',
      identityKey: null,
      permissionKey: null,
      assigneeKey: 'mgr',
      label: 'No owner · CRM · svc-old',
      verification: 'pending',
    });
    await recert
      .as('mgr', 'reviewer')
      .post(`/api/v1/remediations/${task.id}/close`, { outcome: 'done', comment: 'disabled in the CRM' })
      .expect(200);

    // The next import still shows the account live: the remediation reopens, flagged.
    const stillThere = await admin().post(IMPORTS, { accounts: accountLedger().accounts }).expect(200);
    expect(stillThere.body.remediations).toEqual({ verified: 0, reopened: 1 });
    const reopened = await eventually(async () => {
      const [r] = await remediationsOf(launched.id);
      return r.attempt === 2 && r.closedStatus === 0 ? r : undefined;
    });
    expect(reopened).toMatchObject({ flagged: true, verification: 'still_present' });
    await recert
      .as('mgr', 'reviewer')
      .post(`/api/v1/remediations/${task.id}/close`, { outcome: 'done', comment: 'deleted this time' })
      .expect(200);

    // A snapshot of the CRM's accounts without it proves it gone.
    const crmAccounts = accountLedger().accounts.filter(
      (a) => a.applicationKey === 'crm' && a.key !== 'crm-orphan',
    );
    const gone = await admin()
      .post(`${IMPORTS}?mode=snapshot&collection=accounts&application=crm`, { accounts: crmAccounts })
      .expect(200);
    expect(gone.body.counts.accounts).toMatchObject({ removed: 1 });
    expect(gone.body.remediations).toEqual({ verified: 1, reopened: 0 });
    const [verified] = await remediationsOf(launched.id);
    expect(verified).toMatchObject({ verification: 'verified', closedStatus: 1 });

    // A delta review then takes only Alice's account: she moved; Bob's is as approved; the orphan is gone.
    const moved = accountLedger();
    Object.assign(
      moved.identities.find((i) => i.key === 'alice')!,
      { department: 'Support' },
    );
    await admin().post(IMPORTS, { identities: moved.identities }).expect(200);
    const delta = await admin()
      .post(
        '/api/v1/campaigns',
        campaign({
          title: 'CRM accounts, changes only',
          options: {
            fullReview: false,
            notifications: { reminders: null, closingSoon: null, escalateAfter: null },
          },
        }),
      )
      .expect(201);
    const deltaItems = await itemsOf((await recert.waitForCampaign(delta.body.id, 'active')).id);
    expect(deltaItems.map((i) => [i.account_key, i.mover])).toEqual([['crm-alice', true]]);
  });
});
