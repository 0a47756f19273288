import type { ChildProcess } from 'node:child_process';
import type { CampaignView } from '../../src/campaigns/campaign.view';
import { eventually, TestRecert } from './harness';
import { inDays } from './ledger-fixture';
import { reviewersLedger } from './mail-fixture';
import { ReceivedMail, SmtpSink } from './smtp-sink';
import { spawnWorker } from './worker-process';

/**
 * A campaign of `reviewers` reviewers whose mail goes out through a worker process a test can kill, to a
 * real SMTP sink; resolves once every launch notice arrived.
 */
export class MailCrashRig {
  private worker?: ChildProcess;

  private constructor(
    readonly sink: SmtpSink,
    readonly recert: TestRecert,
    readonly reviewers: number,
  ) {}

  campaign!: CampaignView;

  static async launch(title: string, reviewers: number): Promise<MailCrashRig> {
    const sink = new SmtpSink();
    const smtpUrl = `smtp://127.0.0.1:${await sink.listen()}`;
    const recert = await TestRecert.start({ worker: false, env: { SMTP_URL: smtpUrl } });
    const rig = new MailCrashRig(sink, recert, reviewers);
    try {
      await recert.as('root', 'admin').post('/api/v1/ledger/imports', reviewersLedger(reviewers)).expect(200);
      rig.worker = await spawnWorker(recert, { SMTP_URL: smtpUrl });
      const res = await recert
        .as('root', 'admin')
        .post('/api/v1/campaigns', {
          title,
          dueAt: inDays(2),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
        })
        .expect(201);
      rig.campaign = await recert.waitForCampaign(res.body.id, 'active');
      await eventually(async () => (sink.received.length === reviewers ? true : undefined), 60_000);
      return rig;
    } catch (err) {
      await rig.close();
      throw err;
    }
  }

  reminders(): ReceivedMail[] {
    return this.sink.received.filter((m) => m.subject.includes('Reminder'));
  }

  /** Asks for reminders now; the answer comes once they are all settled. */
  remind(requestId: string): Promise<{ status: number }> {
    return this.recert
      .as('root', 'admin')
      .post(`/api/v1/campaigns/${this.campaign.id}/reminders`)
      .set('x-request-id', requestId)
      .then((r) => r);
  }

  /** SIGKILL, then a moment for the bytes the worker wrote before it died to reach the sink. */
  async killWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGKILL');
    await exited;
    await new Promise((r) => setTimeout(r, 500));
  }

  /** Waits for a reminder to every reviewer, then answers the recipients who got other than one. */
  async remindersNotExactlyOnce(): Promise<[string, number][]> {
    await eventually(async () => (this.reminders().length >= this.reviewers ? true : undefined), 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const perRecipient = new Map<string, number>();
    for (const m of this.reminders())
      for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(this.reviewers);
    return [...perRecipient.entries()].filter(([, n]) => n !== 1);
  }

  async close(): Promise<void> {
    this.worker?.kill('SIGKILL');
    await this.recert.close();
    await this.sink.close();
  }
}
