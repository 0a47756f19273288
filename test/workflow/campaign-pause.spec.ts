import {
  campaignWorkflowId,
  type CampaignWorkflowInput,
  pauseUpdate,
  progressQuery,
  remindNowUpdate,
  resumeUpdate,
} from '../../workflows/campaign.contract';
import type { campaignWorkflow } from '../../workflows/campaign.workflow';
import { CampaignStateKey } from '../../workflows/search-attributes';
import { campaignActivities, campaignInput, refusal } from '../support/workflow-fakes';
import { currentDetails, isoIn, sleep, WorkerRun, WorkflowTestEnv } from '../support/workflow-env';

/** Pause, resume and "remind now": the Updates operators send a running campaign. */
describe('campaign workflow: pause, resume and reminders now', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  const startCampaign = async (run: WorkerRun, input: CampaignWorkflowInput) => {
    const handle = await run.start<typeof campaignWorkflow>('campaignWorkflow', {
      workflowId: campaignWorkflowId(input.number),
      args: [input],
    });
    await run.recorder.waitFor('reviewerWorkload');
    return handle;
  };

  it('pauses and resumes with who asked, tells the reviewer tasks, and refuses what the state forbids', async () => {
    const input = campaignInput();
    const { campaignId, number } = input;
    await env.withWorker(campaignActivities(), async (run) => {
      const handle = await startCampaign(run, input);
      const bob = { actor: 'bob', via: 'session:b', requestId: 'req-p' };
      expect(await refusal(handle.executeUpdate(resumeUpdate, { args: [bob] }))).toEqual({
        type: 'InvalidTransition',
        message: `Campaign ${number} is active; only a paused campaign can be resumed.`,
      });

      await expect(handle.executeUpdate(pauseUpdate, { args: [bob] })).resolves.toBe('paused');
      expect(run.recorder.inputs('setCampaignStatus')[1]).toEqual({ campaignId, status: 'paused', ...bob });
      expect(run.recorder.inputs('signalReviewerTasks')).toEqual([{ campaignId, paused: true }]);
      expect((await handle.describe()).typedSearchAttributes.get(CampaignStateKey)).toBe('paused');
      expect(await currentDetails(handle)).toContain('**Next:** held while the campaign is paused');
      expect(await refusal(handle.executeUpdate(pauseUpdate, { args: [bob] }))).toEqual({
        type: 'InvalidTransition',
        message: `Campaign ${number} is paused; only an active campaign can be paused.`,
      });
      expect(await refusal(handle.executeUpdate(remindNowUpdate, { args: [bob] }))).toEqual({
        type: 'InvalidTransition',
        message: `Campaign ${number} is paused; reminders go out only while it is active.`,
      });

      await expect(handle.executeUpdate(resumeUpdate, { args: [bob] })).resolves.toBe('active');
      expect(run.recorder.inputs('setCampaignStatus')[2]).toEqual({ campaignId, status: 'active', ...bob });
      expect(run.recorder.inputs('signalReviewerTasks')[1]).toEqual({ campaignId, paused: false });
      expect(await handle.query(progressQuery)).toMatchObject({ state: 'active' });
      expect((await handle.describe()).typedSearchAttributes.get(CampaignStateKey)).toBe('active');
    });
  });

  it('holds the due date while paused and applies it as soon as the campaign resumes', async () => {
    await env.withWorker(campaignActivities(), async (run) => {
      // Due once the worker runs (creating one takes up to seconds on a loaded machine), after the pause.
      const input = campaignInput({ dueAt: isoIn(2_500) });
      const handle = await startCampaign(run, input);
      await handle.executeUpdate(pauseUpdate, { args: [{ actor: 'bob' }] });
      await sleep(Date.parse(input.dueAt) - Date.now() + 1_000);
      expect(run.recorder.inputs('setCampaignStatus').map((s) => s.status)).toEqual(['active', 'paused']);
      expect(run.recorder.names()).not.toContain('resolveUndecided');

      const resumedAt = Date.now();
      await handle.executeUpdate(resumeUpdate, { args: [{ actor: 'bob' }] });
      await expect(handle.result()).resolves.toBe('closed');
      const statuses = run.recorder.of('setCampaignStatus');
      expect(statuses.map((s) => s.input.status)).toEqual([
        'active',
        'paused',
        'active',
        'finalizing',
        'closed',
      ]);
      expect(statuses[3].input.actor).toBe('system');
      expect(statuses[3].at).toBeGreaterThanOrEqual(resumedAt);
    });
  });

  it('reminds now once per request id, answering how many reminders went out', async () => {
    const input = campaignInput();
    await env.withWorker(campaignActivities({ reviewers: ['ra', 'rb', 'rc'] }), async (run) => {
      const handle = await startCampaign(run, input);
      await expect(
        handle.executeUpdate(remindNowUpdate, { args: [{ actor: 'ann', requestId: 'req-7' }] }),
      ).resolves.toBe(3);
      await handle.executeUpdate(remindNowUpdate, { args: [{ actor: 'ann' }] });
      const [byRequest, unnamed] = run.recorder.inputs('sendRemindersNow');
      expect(byRequest).toEqual({ campaignId: input.campaignId, occurrence: 'manual-req-7' });
      // Without a request id the occurrence is the run's and its count of changes: a retry sends nothing twice.
      expect(unnamed.occurrence).toBe(`manual-${handle.firstExecutionRunId}-1`);
    });
  });
});
