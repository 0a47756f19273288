import type { CampaignView } from '../src/campaigns/campaign.view';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { SmtpSink } from './support/smtp-sink';

/**
 * Bea manages Rita (2 items), Rob (1) and Cleo (1, decided before the escalation); Dan has no manager, so
 * his escalation goes to the campaign's default reviewer (Ivy, the IAM team).
 */
function managerLedger() {
  const reviewers = [
    { key: 'ra', displayName: 'Rita Reviewer', email: 'ra@example.test', managerKey: 'boss' },
    { key: 'rb', displayName: 'Rob Reviewer', email: 'rb@example.test', managerKey: 'boss' },
    { key: 'rc', displayName: 'Cleo Reviewer', email: 'rc@example.test', managerKey: 'boss' },
    { key: 'rd', displayName: 'Dan Loner', email: 'rd@example.test' },
  ];
  const users = [
    ['u1', 'ra'],
    ['u2', 'ra'],
    ['u3', 'rb'],
    ['u4', 'rc'],
    ['u5', 'rd'],
  ].map(([key, managerKey]) => ({ key, displayName: `User ${key}`, managerKey }));
  return {
    identities: [
      { key: 'boss', displayName: 'Bea Boss', email: 'boss@example.test' },
      { key: 'dflt', displayName: 'Ivy IAM', email: 'iam@example.test' },
      ...reviewers,
      ...users,
    ],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [{ key: 'p', applicationKey: 'app', name: 'P' }],
    assignments: users.map((u) => ({ key: `${u.key}-p`, identityKey: u.key, permissionKey: 'p' })),
  };
}

describe('escalation digests', () => {
  const sink = new SmtpSink();
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    const port = await sink.listen();
    recert = await TestRecert.start({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://recert.example.test' },
    });
    await admin().post('/api/v1/ledger/imports', managerLedger()).expect(200);
  });
  afterAll(async () => {
    await recert.close();
    await sink.close();
  });

  it('sends one escalation per recipient per round, listing every reviewer escalated to them', async () => {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Digest campaign',
        description: 'Quarterly review of App.\nAsk the IAM team if in doubt.',
        dueAt: inDays(2),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: 'PT6S' } },
      })
      .expect(201);
    const c: CampaignView = await recert.waitForCampaign(res.body.id, 'active');
    const about = (address: string) => sink.to(address).filter((m) => m.subject.includes(c.number));

    // The invitation carries the campaign's description, as the new-campaign form promises.
    const [invitation] = await eventually(async () =>
      about('ra@example.test').length ? about('ra@example.test') : undefined,
    );
    expect(invitation.text).toContain(
      'About this campaign:\nQuarterly review of App.\nAsk the IAM team if in doubt.',
    );
    expect(invitation.html).toContain('Quarterly review of App.<br>Ask the IAM team if in doubt.');

    const rc = recert.as('rc', 'reviewer');
    const items = (await rc.get(`/api/v1/reviews?campaignId=${c.id}`).expect(200)).body.items;
    await rc
      .post(`/api/v1/campaigns/${c.id}/decisions`, {
        decisions: items.map((i: { id: string }) => ({ itemId: i.id, decision: 'approve' })),
      })
      .expect(200);

    const escalations = (address: string) => about(address).filter((m) => m.subject.includes('Escalation'));
    await eventually(
      async () =>
        escalations('boss@example.test').length && escalations('iam@example.test').length ? true : undefined,
      30_000,
    );
    // Every reviewer task has passed its own escalation moment by now: nothing more may come.
    await new Promise((r) => setTimeout(r, 4000));

    const [toBoss, ...moreToBoss] = escalations('boss@example.test');
    expect(moreToBoss).toEqual([]);
    expect(toBoss.subject).toBe(`[${c.number}] Escalation: 2 reviewers have 3 items left to review`);
    expect(toBoss.text).toContain('- Rita Reviewer <ra@example.test>: 2 items undecided');
    expect(toBoss.text).toContain('- Rob Reviewer <rb@example.test>: 1 item undecided');
    expect(toBoss.text).not.toContain('Cleo');
    expect(toBoss.html).toContain('<li>Rita Reviewer &lt;ra@example.test&gt;: 2 items undecided</li>');

    const [toDefault, ...moreToDefault] = escalations('iam@example.test');
    expect(moreToDefault).toEqual([]);
    expect(toDefault.subject).toBe(`[${c.number}] Escalation: Dan Loner has 1 item left to review`);
    expect(toDefault.text).toContain('no active manager in the ledger: sent to you as the default reviewer');
    for (const reviewer of ['ra', 'rb', 'rc', 'rd'])
      expect(escalations(`${reviewer}@example.test`)).toEqual([]);

    // The mail log keeps one row per recipient for the round, with the text as sent.
    const log = (await admin().get(`/api/v1/mail?campaignId=${c.id}&event=escalation`).expect(200)).body
      .items as { id: string; recipientKey: string; occurrence: string; status: string }[];
    expect(log.map((m) => [m.recipientKey, m.occurrence, m.status]).sort()).toEqual([
      ['boss', 'escalation-1', 'sent'],
      ['dflt', 'escalation-1', 'sent'],
    ]);
    const message = (
      await admin()
        .get(`/api/v1/mail/${log.find((m) => m.recipientKey === 'boss')!.id}`)
        .expect(200)
    ).body as { text: string; recipientName: string; campaignNumber: string };
    expect(message).toMatchObject({ recipientName: 'Bea Boss', campaignNumber: c.number, text: toBoss.text });
    await admin().post(`/api/v1/campaigns/${c.id}/cancel`).expect(200);
  });

  it('lets auditors read the mail log, filtered by person and status, and refuses reviewers', async () => {
    const auditor = recert.as('aud', 'auditor');
    const sent = (await auditor.get('/api/v1/mail?recipientKey=boss&status=sent').expect(200)).body.items as {
      recipientKey: string;
      event: string;
    }[];
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => m.recipientKey === 'boss' && m.event === 'escalation')).toBe(true);
    await auditor.get('/api/v1/mail?event=bogus').expect(400);
    await auditor.get(`/api/v1/mail?recipientKey=${'x'.repeat(201)}`).expect(400);
    await auditor.get('/api/v1/mail/99999999').expect(404);
    await recert.as('ra', 'reviewer').get('/api/v1/mail').expect(403);
  });
});
