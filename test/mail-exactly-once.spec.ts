import type { ChildProcess } from 'node:child_process';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { SmtpSink } from './support/smtp-sink';
import { spawnWorker } from './support/worker-process';

const REVIEWERS = 30;
function ledger() {
  const reviewers = Array.from({ length: REVIEWERS }, (_, n) => ({
    key: `r${n}`,
    displayName: `Reviewer ${n}`,
    email: `r${n}@example.test`,
  }));
  const users = reviewers.map((r, n) => ({ key: `u${n}`, displayName: `User ${n}`, managerKey: r.key }));
  return {
    identities: [{ key: 'dflt', displayName: 'Default' }, ...reviewers, ...users],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [{ key: 'p', applicationKey: 'app', name: 'P' }],
    assignments: users.map((u) => ({ key: `${u.key}-p`, identityKey: u.key, permissionKey: 'p' })),
  };
}

describe('mail delivery: exactly once across a worker crash', () => {
  const NO_TIMERS = { reminders: null, closingSoon: null, escalateAfter: null };

  it('sends each reminder once when the worker dies in the middle of the batch', async () => {
    const sink = new SmtpSink();
    const smtpUrl = `smtp://127.0.0.1:${await sink.listen()}`;
    const recert = await TestRecert.start({ worker: false, env: { SMTP_URL: smtpUrl } });
    let child: ChildProcess | undefined;
    try {
      await recert.as('root', 'admin').post('/api/v1/ledger/imports', ledger()).expect(200);
      child = await spawnWorker(recert, { SMTP_URL: smtpUrl });
      const res = await recert
        .as('root', 'admin')
        .post('/api/v1/campaigns', {
          title: 'Crash mid-batch',
          dueAt: inDays(2),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: NO_TIMERS },
        })
        .expect(201);
      const c: CampaignView = await recert.waitForCampaign(res.body.id, 'active');
      await eventually(async () => (sink.received.length === REVIEWERS ? true : undefined), 60_000);
      const reminders = () => sink.received.filter((m) => m.subject.includes('Reminder'));

      // The sink takes 10 reminders, then holds every further message: the worker dies with the batch
      // half done, some messages claimed and not delivered.
      sink.holdAfterMore(10);
      const remind = recert
        .as('root', 'admin')
        .post(`/api/v1/campaigns/${c.id}/reminders`)
        .set('x-request-id', 'crash-1');
      const answered = remind.then((r) => r);
      await eventually(async () => (reminders().length >= 10 ? true : undefined), 30_000);
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGKILL');
      child = undefined;
      expect(reminders()).toHaveLength(10);
      sink.release();
      await recert.startWorker();
      expect((await answered).status).toBe(200);

      await eventually(async () => (reminders().length >= REVIEWERS ? true : undefined), 60_000);
      await new Promise((r) => setTimeout(r, 1000));
      const perRecipient = new Map<string, number>();
      for (const m of reminders())
        for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      expect(perRecipient.size).toBe(REVIEWERS);
      expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([]);
    } finally {
      child?.kill('SIGKILL');
      await recert.close();
      await sink.close();
    }
  });
});
