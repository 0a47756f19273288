import {
  applyDecisionsUpdate,
  cancelUpdate,
  finalizeUpdate,
  itemsMayBeDoneSignal,
  pauseUpdate,
  progressQuery,
} from '../../workflows/campaign.contract';
import { CampaignStateKey } from '../../workflows/search-attributes';
import { campaignActivities, campaignInput, gate, refusal, startCampaign } from '../support/workflow-fakes';
import { currentDetails, detailsMatching, isoIn, WorkflowTestEnv } from '../support/workflow-env';

/** The campaign workflow from launch to its end, its activities answered by the test. */
describe('campaign workflow: launch, closing and remediation', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  it('launches: populates, mirrors active, starts reviewer tasks a page at a time, then reads its mail plan', async () => {
    const input = campaignInput({ fanOutBatch: 2 });
    const world = campaignActivities({ reviewers: ['ra', 'rb', 'rc', 'rd', 're'], items: 7 });
    await env.withWorker(world, async (run) => {
      const handle = await startCampaign(run, input);
      await run.recorder.waitFor('reviewerWorkload');
      expect(run.recorder.names()).toEqual([
        'populateCampaign',
        'setCampaignStatus',
        'startReviewerTasks',
        'startReviewerTasks',
        'startReviewerTasks',
        'campaignMailPlan',
        'reviewerWorkload',
      ]);
      const { campaignId } = input;
      expect(run.recorder.inputs('setCampaignStatus')).toEqual([
        { campaignId, status: 'active', actor: 'system' },
      ]);
      const page = { campaignId, limit: 2, escalationByCampaign: true };
      expect(run.recorder.inputs('startReviewerTasks')).toEqual([
        { ...page, afterKey: null },
        { ...page, afterKey: 'rb' },
        { ...page, afterKey: 'rd' },
      ]);
      expect(await handle.query(progressQuery)).toEqual({
        state: 'active',
        total: 7,
        pending: 7,
        reviewerTasks: 5,
        fanOutDone: true,
      });
      expect((await handle.describe()).typedSearchAttributes.get(CampaignStateKey)).toBe('active');
      const details = await detailsMatching(handle, /Pending reviewers/);
      expect(details).toContain(`**${input.number}** · Workflow tier`);
      expect(details).toContain('**Items:** 7 total, 7 to review');
      expect(details).toContain('**Reviewers:** 5 reviewer tasks');
      expect(details).toContain('**Pending reviewers:** 1 with 7 items');

      const carol = { actor: 'carol', via: 'session:s1', requestId: 'req-1' };
      await expect(handle.executeUpdate(cancelUpdate, { args: [carol] })).resolves.toBe('cancelled');
      await expect(handle.result()).resolves.toBe('cancelled');
      expect(run.recorder.names().slice(7)).toEqual(['setCampaignStatus', 'signalReviewerTasks']);
      expect(run.recorder.inputs('setCampaignStatus')[1]).toEqual({
        campaignId,
        status: 'cancelled',
        ...carol,
      });
      expect(run.recorder.inputs('signalReviewerTasks')).toEqual([{ campaignId, ended: 'cancelled' }]);
    });
  });

  it('counts on each reviewer task’s word, closes at the last decision and launches the remediations', async () => {
    const input = campaignInput({ onDueDate: 'approve', fanOutBatch: 50 });
    await env.withWorker(campaignActivities({ pendingCounts: [3, 0] }), async (run) => {
      const handle = await startCampaign(run, input);
      await run.recorder.waitFor('reviewerWorkload');
      const launched = run.recorder.calls.length;

      await handle.signal(itemsMayBeDoneSignal);
      await run.recorder.waitFor('reviewerWorkload', 2);
      expect((await handle.query(progressQuery)).pending).toBe(3);
      expect(run.recorder.inputs('setCampaignStatus').map((s) => s.status)).toEqual(['active']);

      await handle.signal(itemsMayBeDoneSignal);
      await expect(handle.result()).resolves.toBe('closed');
      await run.recorder.waitFor('notifyRemediationAssignees');
      const { campaignId } = input;
      expect(run.recorder.names().slice(launched)).toEqual([
        'campaignPending',
        'reviewerWorkload',
        'campaignPending',
        'reviewerWorkload',
        'setCampaignStatus',
        'resolveUndecided',
        'createRemediations',
        'setCampaignStatus',
        'signalReviewerTasks',
        'startRemediations',
        'notifyRemediationAssignees',
      ]);
      expect(run.recorder.inputs('setCampaignStatus').slice(1)).toEqual([
        { campaignId, status: 'finalizing', actor: 'system' },
        { campaignId, status: 'closed', actor: 'system' },
      ]);
      expect(run.recorder.inputs('resolveUndecided')).toEqual([{ campaignId, onDueDate: 'approve' }]);
      expect(run.recorder.inputs('createRemediations')).toEqual([{ campaignId, actor: 'system' }]);
      expect(run.recorder.inputs('signalReviewerTasks')).toEqual([{ campaignId, ended: 'closed' }]);
      // The launcher is a child of its own, named after the campaign, paging by the campaign's batch.
      const [launch] = run.recorder.of('startRemediations');
      expect(launch.workflowId).toBe(`remediations-campaign-${campaignId}`);
      expect(launch.input).toEqual({ scope: { campaignId }, afterId: '0', limit: 50 });
      expect(run.recorder.inputs('notifyRemediationAssignees')).toEqual([{ scope: { campaignId } }]);
    });
  });

  it('applies the due-date rule to undecided items once the due date passes', async () => {
    await env.withWorker(campaignActivities(), async (run) => {
      const input = campaignInput({ dueAt: isoIn(2_500), onDueDate: 'revoke' });
      const handle = await startCampaign(run, input);
      await expect(handle.result()).resolves.toBe('closed');
      const [, finalizing, closed] = run.recorder.of('setCampaignStatus');
      expect(finalizing.input).toEqual({
        campaignId: input.campaignId,
        status: 'finalizing',
        actor: 'system',
      });
      expect(finalizing.at).toBeGreaterThanOrEqual(Date.parse(input.dueAt));
      expect(closed.input.status).toBe('closed');
      expect(run.recorder.inputs('resolveUndecided')).toEqual([
        { campaignId: input.campaignId, onDueDate: 'revoke' },
      ]);
    });
  });

  it('finalizes early on request: answers once the database shows it, then refuses what no longer fits', async () => {
    const input = campaignInput({ onDueDate: 'follow_recommendation' });
    const resolving = gate();
    const world = campaignActivities();
    const fakes = {
      ...world,
      resolveUndecided: async () => {
        await resolving.wait;
        return { pending: 0 };
      },
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startCampaign(run, input);
      await run.recorder.waitFor('reviewerWorkload');
      const alice = { actor: 'alice', via: 'session:abc', requestId: 'req-2' };
      await expect(handle.executeUpdate(finalizeUpdate, { args: [alice] })).resolves.toBe('finalizing');
      expect(run.recorder.inputs('setCampaignStatus')[1]).toEqual({
        campaignId: input.campaignId,
        status: 'finalizing',
        ...alice,
      });

      await run.recorder.waitFor('resolveUndecided');
      expect(await handle.query(progressQuery)).toMatchObject({ state: 'finalizing' });
      expect(await refusal(handle.executeUpdate(finalizeUpdate, { args: [alice] }))).toEqual({
        type: 'InvalidTransition',
        message: `Campaign ${input.number} is finalizing; only an active or paused campaign can be finalized.`,
      });
      expect(await refusal(handle.executeUpdate(pauseUpdate, { args: [alice] }))).toMatchObject({
        type: 'InvalidTransition',
      });

      resolving.open();
      await expect(handle.result()).resolves.toBe('closed');
      expect(run.recorder.inputs('resolveUndecided')).toEqual([
        { campaignId: input.campaignId, onDueDate: 'follow_recommendation' },
      ]);
    });
  });

  it('with manual apply, closes without remediations and creates them once, on an administrator’s word', async () => {
    const input = campaignInput({ manualApply: true });
    const creating = gate();
    const world = campaignActivities();
    const fakes = {
      ...world,
      createRemediations: async () => {
        await creating.wait;
        return 5;
      },
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startCampaign(run, input);
      await run.recorder.waitFor('reviewerWorkload');
      const admin = { actor: 'admin', via: 'client:root', requestId: 'req-3' };
      expect(await refusal(handle.executeUpdate(applyDecisionsUpdate, { args: [admin] }))).toEqual({
        type: 'InvalidTransition',
        message: `Campaign ${input.number} is active; decisions are applied once it is closed.`,
      });

      await handle.executeUpdate(finalizeUpdate, { args: [{ actor: 'alice' }] });
      await run.recorder.waitFor('signalReviewerTasks');
      expect(await handle.query(progressQuery)).toMatchObject({ state: 'closed' });
      expect(run.recorder.names()).not.toContain('createRemediations');
      expect(await currentDetails(handle)).toContain('an administrator to apply the decisions');

      const applying = await handle.startUpdate(applyDecisionsUpdate, {
        args: [admin],
        waitForStage: 'ACCEPTED',
      });
      expect(await refusal(handle.executeUpdate(applyDecisionsUpdate, { args: [admin] }))).toEqual({
        type: 'InvalidTransition',
        message: `The decisions of campaign ${input.number} are already applied.`,
      });
      creating.open();
      await expect(applying.result()).resolves.toBe(5);
      expect(run.recorder.inputs('createRemediations')).toEqual([{ campaignId: input.campaignId, ...admin }]);
      await expect(handle.result()).resolves.toBe('closed');
      await run.recorder.waitFor('notifyRemediationAssignees');
      expect(run.recorder.inputs('startRemediations')).toEqual([
        { scope: { campaignId: input.campaignId }, afterId: '0', limit: input.fanOutBatch },
      ]);
    });
  });
});
