import type { CampaignView } from '../src/campaigns/campaign.view';
import { testPort } from './support/test-port';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { reviewersLedger } from './support/mail-fixture';
import { SmtpSink } from './support/smtp-sink';

const REVIEWERS = 30;

describe('mail delivery: patient with an SMTP server that is down', () => {
  const NO_TIMERS = { reminders: null, closingSoon: null, escalateAfter: null };

  it('retries while the SMTP server is down and delivers once it is back, the campaign unaffected', async () => {
    const port = await testPort();
    const recert = await TestRecert.start({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    const sink = new SmtpSink();
    try {
      await recert.as('root', 'admin').post('/api/v1/ledger/imports', reviewersLedger(REVIEWERS)).expect(200);
      const res = await recert
        .as('root', 'admin')
        .post('/api/v1/campaigns', {
          title: 'SMTP down',
          dueAt: inDays(2),
          scope: { identityKeys: ['u0', 'u1'] },
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: NO_TIMERS },
        })
        .expect(201);
      const c: CampaignView = await recert.waitForCampaign(res.body.id, 'active');
      await eventually(
        async () => {
          const rows = await recert.query<{ attempts: number }>(
            `SELECT attempts FROM mail_message WHERE campaign_id = $1`,
            [c.id],
          );
          return rows.length === 2 && rows.every((r) => r.attempts >= 2) ? true : undefined;
        },
        30_000,
        'failed attempts',
      );
      const r0 = recert.as('r0', 'reviewer');
      const [item] = (await r0.get(`/api/v1/reviews?campaignId=${c.id}`).expect(200)).body.items;
      await r0
        .post(`/api/v1/campaigns/${c.id}/decisions`, {
          decisions: [{ itemId: item.id, decision: 'approve' }],
        })
        .expect(200);

      await sink.listen(port);
      await eventually(
        async () => (sink.received.length >= 1 ? true : undefined),
        60_000,
        'delivery after SMTP came back',
      );
      const delivered = await eventually(async () => {
        const rows = await recert.query<{ recipient_key: string; status: string }>(
          `SELECT recipient_key, status FROM mail_message WHERE campaign_id = $1 ORDER BY recipient_key`,
          [c.id],
        );
        // 'committing' is the moment between the server taking the message and the row saying so.
        return rows.every((r) => r.status !== 'sending' && r.status !== 'committing') ? rows : undefined;
      }, 60_000);
      // r0 finished reviewing during the outage: its notice is settled as skipped, never sent late.
      expect(delivered).toEqual([
        { recipient_key: 'r0', status: 'skipped' },
        { recipient_key: 'r1', status: 'sent' },
      ]);
      expect(sink.received.map((m) => m.to[0])).toEqual(['r1@example.test']);
      expect(
        (await recert.as('root', 'admin').get(`/api/v1/campaigns/${c.id}`).expect(200)).body.status,
      ).toBe('active');
    } finally {
      await recert.close();
      await sink.close();
    }
  });
});
