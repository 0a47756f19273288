import { cancelUpdate, pauseUpdate, resumeUpdate } from '../../workflows/campaign.contract';
import {
  activation,
  campaignActivities,
  campaignInput,
  NO_MAIL,
  startCampaign,
} from '../support/workflow-fakes';
import { detailsMatching, sleep, WorkflowTestEnv } from '../support/workflow-env';

/** The escalation digest round the campaign sends itself, one per campaign, launch-relative. */
describe('campaign workflow: escalation digest rounds', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  const carol = { actor: 'carol' };

  it('sends one escalation round when it falls due, never a second one', async () => {
    const plan = { ...NO_MAIL, escalateAfterMs: 1_500 };
    await env.withWorker(campaignActivities({ plan }), async (run) => {
      const input = campaignInput();
      const handle = await startCampaign(run, input);
      await detailsMatching(handle, /\*\*Next:\*\* escalation on .* UTC · due date on/);

      const [round] = await run.recorder.waitFor('sendEscalations');
      expect(round.input).toEqual({ campaignId: input.campaignId, round: 1 });
      expect(round.at).toBeGreaterThanOrEqual(activation(run.recorder) + 1_500);
      await detailsMatching(handle, /\*\*Next:\*\* due date on/);
      await sleep(1_500);
      expect(run.recorder.of('sendEscalations')).toHaveLength(1);
      await handle.executeUpdate(cancelUpdate, { args: [carol] });
    });
  });

  it('shifts the escalation by the time the campaign was paused, and sends none while paused', async () => {
    const plan = { ...NO_MAIL, escalateAfterMs: 2_500 };
    await env.withWorker(campaignActivities({ plan }), async (run) => {
      const handle = await startCampaign(run, campaignInput());
      await run.recorder.waitFor('reviewerWorkload');
      await handle.executeUpdate(pauseUpdate, { args: [{ actor: 'bob' }] });
      const pausedAt = Date.now();
      const launchedAt = activation(run.recorder);
      await sleep(launchedAt + 3_500 - Date.now());
      expect(run.recorder.names()).not.toContain('sendEscalations');

      const resumedAt = Date.now();
      await handle.executeUpdate(resumeUpdate, { args: [{ actor: 'bob' }] });
      const [round] = await run.recorder.waitFor('sendEscalations');
      expect(round.at).toBeGreaterThanOrEqual(launchedAt + 2_500 + (resumedAt - pausedAt));
      await handle.executeUpdate(cancelUpdate, { args: [carol] });
    });
  });

  it('holds a round the database refused as paused instead of sending it again at once', async () => {
    const plan = { ...NO_MAIL, escalateAfterMs: 500 };
    const fakes = {
      ...campaignActivities({ plan }),
      sendEscalations: async () => ({ sent: 0, paused: true }),
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startCampaign(run, campaignInput());
      await run.recorder.waitFor('sendEscalations');
      await sleep(2_000);
      // The round is tried again a minute later (a hard-coded hold): not within these two seconds.
      expect(run.recorder.of('sendEscalations')).toHaveLength(1);
      await handle.executeUpdate(cancelUpdate, { args: [carol] });
    });
  });
});
