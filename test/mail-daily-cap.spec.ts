import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { mailLedger } from './support/mail-fixture';

describe('a per-recipient daily cap on chasing mail', () => {
  let recert: TestRecert;

  beforeAll(async () => {
    // The outbox (no SMTP_URL) is a real delivery: every message sent is written there and logged.
    recert = await TestRecert.start({
      env: { RECERT_MIN_REMINDER_INTERVAL: 'PT1S', RECERT_MAIL_DAILY_CAP: '2' },
    });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', mailLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('stops reminding a reviewer after the cap, logging the reminders it held back', async () => {
    const admin = recert.as('root', 'admin');
    const created = await admin
      .post('/api/v1/campaigns', {
        title: 'Reminded too often',
        dueAt: inDays(2),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: {
          notifications: {
            reminders: { first: 'PT1S', every: 'PT1S' },
            closingSoon: null,
            escalateAfter: null,
          },
        },
      })
      .expect(201);
    await recert.waitForCampaign(created.body.id, 'active');
    const log = () =>
      recert.query<{ status: string; detail: string | null }>(
        `SELECT status, detail FROM mail_message WHERE recipient_key = 'ra' AND event = 'reminder' ORDER BY id`,
      );
    const rows = await eventually(
      async () => {
        const r = await log();
        return r.filter((m) => m.status === 'skipped').length >= 3 ? r : undefined;
      },
      30_000,
      'reminders held back by the cap',
    );
    await admin.post(`/api/v1/campaigns/${created.body.id}/cancel`).expect(200);
    expect(rows.filter((m) => m.status === 'sent')).toHaveLength(2);
    expect(rows.slice(2).every((m) => m.status === 'skipped' && /last 24 hours/.test(m.detail ?? ''))).toBe(
      true,
    );
    // The cap is per person: launch notices are not chasing mail and still went out.
    const [launch] = await recert.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_message WHERE recipient_key = 'ra' AND event = 'campaign-launched' AND status = 'sent'`,
    );
    expect(launch.n).toBe(1);
  });
});
