import { MailCrashRig } from './support/mail-crash-rig';
import { eventually } from './support/harness';

describe('mail delivery: exactly once across a worker crash', () => {
  it('sends each reminder once when the worker dies in the middle of the batch', async () => {
    const rig = await MailCrashRig.launch('Crash mid-batch', 30);
    try {
      // The sink takes 10 reminders, then holds every further message: the worker dies with the batch
      // half done, some messages claimed and not delivered.
      rig.sink.holdAfterMore(10);
      const answered = rig.remind('crash-1');
      await eventually(async () => (rig.reminders().length >= 10 ? true : undefined), 30_000);
      await rig.killWorker();
      expect(rig.reminders()).toHaveLength(10);
      rig.sink.release();
      await rig.recert.startWorker();
      expect((await answered).status).toBe(200);
      expect(await rig.remindersNotExactlyOnce()).toEqual([]);
    } finally {
      await rig.close();
    }
  });
});
