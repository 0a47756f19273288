import {} from '../../workflows/campaign.contract';
import {
  activation,
  campaignActivities,
  campaignInput,
  NO_MAIL,
  startCampaign,
} from '../support/workflow-fakes';
import { detailsMatching, isoIn, WorkflowTestEnv } from '../support/workflow-env';

/**
 * The campaign's mail plan beyond the escalation: moments it leaves out, and the reminder and closing-soon
 * moments at which it brings its reviewers' workload up to date (reviewer tasks send that mail).
 */
describe('campaign workflow: mail-plan moments', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  it('sends no escalation due after the due date, nor any for a campaign whose row is gone', async () => {
    const plan = { ...NO_MAIL, escalateAfterMs: 5_000 };
    await env.withWorker(campaignActivities({ plan }), async (run) => {
      const handle = await startCampaign(run, campaignInput({ dueAt: isoIn(1_500) }));
      await expect(handle.result()).resolves.toBe('closed');
      expect(run.recorder.names()).not.toContain('sendEscalations');
    });
    await env.withWorker(campaignActivities({ plan: null }), async (run) => {
      const gone = campaignInput({ dueAt: isoIn(2_500) });
      const handle = await startCampaign(run, gone);
      await expect(handle.result()).resolves.toBe('closed');
      expect(run.recorder.inputs('campaignMailPlan')).toEqual([{ campaignId: gone.campaignId }]);
      expect(run.recorder.names()).not.toContain('sendEscalations');
    });
  });

  it('brings the workload up to date at the reminder and closing-soon moments until the due date', async () => {
    const plan = { ...NO_MAIL, reminderFirstMs: 1_000, reminderEveryMs: 3_000, closingSoonMs: 3_000 };
    await env.withWorker(campaignActivities({ plan }), async (run) => {
      const input = campaignInput({ dueAt: isoIn(5_500) });
      const handle = await startCampaign(run, input);
      const details = await detailsMatching(handle, /\*\*Next:\*\* reminder \d of 2 on/);
      expect(details).toMatch(/reminder \d of 2 on .* UTC · closing-soon notice on .* UTC · due date on/);
      expect(details).toContain('1. Rita Reviewer (ra): 4 items');

      await expect(handle.result()).resolves.toBe('closed');
      const launchedAt = activation(run.recorder);
      const moments = [launchedAt + 1_000, Date.parse(input.dueAt) - 3_000, launchedAt + 4_000];
      const refreshed = run.recorder.of('reviewerWorkload').slice(1);
      expect(refreshed.length).toBeGreaterThanOrEqual(1);
      expect(refreshed.length).toBeLessThanOrEqual(moments.length);
      // Each refresh follows a moment passed since the previous one: none comes between moments (a timer
      // a loaded machine fires late past the next moment folds the two into one refresh).
      let previous = launchedAt;
      for (const { at } of refreshed) {
        expect(moments.filter((m) => m > previous && m <= at)).not.toEqual([]);
        previous = at;
      }
      expect(run.recorder.names()).not.toContain('sendEscalations');
    });
  });
});
