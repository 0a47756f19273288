import { eventually } from './support/harness';
import { MailCrashRig } from './support/mail-crash-rig';

/**
 * The instant between a server taking a message and the worker hearing so: a worker killed there must not
 * have the message sent again on retry (issue 15's chaos run found one such duplicate).
 */
describe('mail delivery: at most once at the commit point', () => {
  it('does not send a message again when the worker dies after the server took it, before the answer', async () => {
    const REVIEWERS = 30;
    const rig = await MailCrashRig.launch('Crash at the final dot', REVIEWERS);
    try {
      // The sink answers 10 reminders; the next ones it receives whole but never answers: the worker dies
      // holding messages the server has, which it has not heard were taken.
      rig.sink.holdAnswersAfterMore(10);
      const answered = rig.remind('crash-at-dot');
      await eventually(async () => (rig.sink.holding >= 5 ? true : undefined), 30_000);
      await rig.killWorker();
      const caught = rig.sink.holding;
      expect(rig.reminders()).toHaveLength(10 + caught);
      rig.sink.release();
      await rig.recert.startWorker();
      expect((await answered).status).toBe(200);
      expect(await rig.remindersNotExactlyOnce()).toEqual([]);

      const log = await rig.recert
        .as('root', 'admin')
        .get('/api/v1/mail')
        .query({ campaignId: rig.campaign.id, event: 'reminder', limit: 100 })
        .expect(200);
      const byStatus = (status: string) =>
        (log.body.items as { status: string; detail: string | null }[]).filter((m) => m.status === status);
      expect(byStatus('unconfirmed')).toHaveLength(caught);
      expect(byStatus('unconfirmed')[0].detail).toContain('may have arrived');
      expect(byStatus('sent')).toHaveLength(REVIEWERS - caught);
    } finally {
      await rig.close();
    }
  });
});
