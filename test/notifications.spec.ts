import type { CampaignView } from '../src/campaigns/campaign.view';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { mailLedger } from './support/mail-fixture';
import { SmtpSink } from './support/smtp-sink';

describe('reviewer mail over real SMTP', () => {
  const sink = new SmtpSink();
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    const port = await sink.listen();
    recert = await TestRecert.start({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PUBLIC_URL: 'https://recert.example.test',
        // Reminders every few seconds, so that a test sees several.
        RECERT_MIN_REMINDER_INTERVAL: 'PT1S',
      },
    });
    await admin().post('/api/v1/ledger/imports', mailLedger()).expect(200);
  });
  afterAll(async () => {
    await recert.close();
    await sink.close();
  });

  async function launch(notifications: object, dueAt = inDays(2)): Promise<CampaignView> {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Mail campaign',
        dueAt,
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications },
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  }

  const about = (c: CampaignView, address: string) =>
    sink.to(address).filter((m) => m.subject.includes(c.number));

  async function decideAll(reviewer: string, campaignId: string) {
    const as = recert.as(reviewer, 'reviewer');
    const items = (await as.get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items;
    await as
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: items.map((i: { id: string }) => ({ itemId: i.id, decision: 'approve' })),
      })
      .expect(200);
  }

  it('sends launch notices, reminders only to reviewers with pending items, and an escalation to the manager', async () => {
    const c = await launch({
      reminders: { first: 'PT3S', every: 'PT3S' },
      closingSoon: null,
      escalateAfter: 'PT4S',
    });
    const [noticeA] = await eventually(async () =>
      about(c, 'ra@example.test').length ? about(c, 'ra@example.test') : undefined,
    );
    expect(noticeA.subject).toBe(
      `[${c.number}] Access review: 2 items to review by ${c.dueAt.slice(0, 16).replace('T', ' ')} UTC`,
    );
    expect(noticeA.text).toContain(`https://recert.example.test/reviews/${c.id}`);
    expect(noticeA.html).toContain(`href="https://recert.example.test/reviews/${c.id}"`);
    const [noticeB] = await eventually(async () =>
      about(c, 'rb@example.test').length ? about(c, 'rb@example.test') : undefined,
    );
    expect(noticeB.subject).toContain('1 items to review');
    await decideAll('rb', c.id);

    await eventually(async () => (about(c, 'ra@example.test').length >= 3 ? true : undefined), 20_000);
    const ra = about(c, 'ra@example.test').map((m) => m.subject);
    expect(ra[1]).toBe(`[${c.number}] Reminder: 2 items still wait for your review`);
    expect(ra[2]).toBe(ra[1]);
    expect(about(c, 'rb@example.test')).toHaveLength(1);
    const escalations = await eventually(async () => {
      const found = about(c, 'boss@example.test');
      return found.length ? found : undefined;
    });
    expect(escalations).toHaveLength(1);
    expect(escalations[0].subject).toBe(`[${c.number}] Escalation: Rita Reviewer has 2 items left to review`);

    const log = (await admin().get(`/api/v1/mail?campaignId=${c.id}`).expect(200)).body.items as {
      event: string;
      status: string;
    }[];
    expect(
      log
        .filter((m) => m.status === 'sent')
        .map((m) => m.event)
        .sort(),
    ).toEqual(
      expect.arrayContaining([
        'campaign-launched',
        'campaign-launched',
        'escalation',
        'reminder',
        'reminder',
      ]),
    );
    await admin().post(`/api/v1/campaigns/${c.id}/cancel`).expect(200);
  });

  it('holds reminder timers while the campaign is paused', async () => {
    const c = await launch({
      reminders: { first: 'PT4S', every: null },
      closingSoon: null,
      escalateAfter: null,
    });
    await admin().post(`/api/v1/campaigns/${c.id}/pause`).expect(200);
    const pausedAt = Date.now();
    await new Promise((r) => setTimeout(r, 6000));
    expect(about(c, 'ra@example.test').filter((m) => m.subject.includes('Reminder'))).toEqual([]);
    await admin().post(`/api/v1/campaigns/${c.id}/resume`).expect(200);
    const resumedAt = Date.now();
    await eventually(
      async () =>
        about(c, 'ra@example.test').some((m) => m.subject.includes('Reminder')) ? true : undefined,
      15_000,
    );
    const arrived = Date.now();
    expect(arrived - resumedAt).toBeGreaterThan(1000);
    expect(arrived - pausedAt).toBeGreaterThan(7000);
    await admin().post(`/api/v1/campaigns/${c.id}/cancel`).expect(200);
  });

  it('warns only reviewers who still have items that the campaign closes soon', async () => {
    const c = await launch(
      { reminders: null, closingSoon: 'PT10S', escalateAfter: null },
      new Date(Date.now() + 16_000).toISOString(),
    );
    await decideAll('rb', c.id);
    const [warning] = await eventually(async () => {
      const found = about(c, 'ra@example.test').filter((m) => m.subject.includes('Closing on'));
      return found.length ? found : undefined;
    }, 15_000);
    expect(warning.subject).toBe(
      `[${c.number}] Closing on ${c.dueAt.slice(0, 16).replace('T', ' ')} UTC: 2 items still to review`,
    );
    expect(warning.text).toContain(`https://recert.example.test/reviews/${c.id}`);
    await recert.waitForCampaign(c.id, 'closed');
    expect(about(c, 'rb@example.test').map((m) => m.subject)).toEqual([
      expect.stringContaining('1 items to review'),
    ]);
  });

  it('sends reminders now, once per request, only to reviewers who still have items', async () => {
    const c = await launch({ reminders: null, closingSoon: null, escalateAfter: null });
    const url = `/api/v1/campaigns/${c.id}/reminders`;
    expect((await admin().post(url).set('x-request-id', 'r-1').expect(200)).body).toEqual({ sent: 2 });
    expect((await admin().post(url).set('x-request-id', 'r-1').expect(200)).body).toEqual({ sent: 0 });
    await decideAll('rb', c.id);
    expect((await admin().post(url).set('x-request-id', 'r-2').expect(200)).body).toEqual({ sent: 1 });
    const reminders = (address: string) => about(c, address).filter((m) => m.subject.includes('Reminder'));
    await eventually(async () => (reminders('ra@example.test').length === 2 ? true : undefined));
    expect(reminders('rb@example.test')).toHaveLength(1);
    await recert.as('rb', 'reviewer').post(url).expect(403);
    await admin().post(`/api/v1/campaigns/${c.id}/pause`).expect(200);
    await admin().post(url).expect(409);
  });

  it('tells a reviewer when items are forwarded to them', async () => {
    const c = await launch({ reminders: null, closingSoon: null, escalateAfter: null });
    const ra = recert.as('ra', 'reviewer');
    const [item] = (await ra.get(`/api/v1/reviews?campaignId=${c.id}`).expect(200)).body.items;
    await ra
      .post(`/api/v1/campaigns/${c.id}/decisions`, {
        decisions: [{ itemId: item.id, decision: 'forward', forwardTo: 'dflt' }],
      })
      .expect(200);
    // dflt may also get a launch notice, when the fan-out reaches them after the forward.
    const forwardNotices = () => about(c, 'iam@example.test').filter((m) => m.subject.includes('forwarded'));
    const [forwarded] = await eventually(async () =>
      forwardNotices().length ? forwardNotices() : undefined,
    );
    expect(forwarded.subject).toBe(`[${c.number}] Rita Reviewer forwarded 1 items to you for review`);
    expect(forwarded.text).toContain('You now have 1 items to review');
  });
});
