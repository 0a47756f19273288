import { resolveTemporalCli } from '../../src/embedded/temporal-cli';
import { DevServer, startTemporalDevServer } from '../../src/embedded/temporal-dev-server';
import {
  type CampaignCarriedState,
  campaignWorkflowId,
  finalizeUpdate,
  pauseUpdate,
  progressQuery,
  resumeUpdate,
  reviewerWorkflowId,
} from '../../workflows/campaign.contract';
import type { campaignWorkflow } from '../../workflows/campaign.workflow';
import { campaignEndedSignal, confirmUpdate, type ConfirmResult } from '../../workflows/reviewer.contract';
import type { reviewerTaskWorkflow } from '../../workflows/reviewer.workflow';
import { campaignActivities, campaignInput, reviewerTaskInput } from '../support/workflow-fakes';
import { detailsMatching, WorkflowTestEnv } from '../support/workflow-env';
import { testPort } from '../support/test-port';

const SUGGEST_AT = 40;

/**
 * A dev server of this file's own whose continue-as-new suggestion comes after 40 history events instead
 * of 4,096: the campaign and the reviewer task continue as new, carrying exactly what they must.
 */
describe(`continue-as-new when Temporal suggests it after ${SUGGEST_AT} events`, () => {
  let server: DevServer;
  let env: WorkflowTestEnv;
  const namespace = 'recert-workflow-can';

  beforeAll(async () => {
    server = await startTemporalDevServer({
      cliPath: await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH }),
      port: await testPort(),
      namespaces: [namespace],
      extraArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${SUGGEST_AT}`],
    });
    env = await WorkflowTestEnv.open({ address: server.address, namespace });
  });
  afterAll(async () => {
    await env?.close();
    await server?.stop();
  });

  it('carries a campaign across runs mid fan-out: every page once, counts and pauses intact', async () => {
    const reviewers = Array.from({ length: 30 }, (_, n) => `r${String(n).padStart(2, '0')}`);
    const input = campaignInput({ fanOutBatch: 1 });
    await env.withWorker(campaignActivities({ reviewers, items: 45 }), async (run) => {
      const handle = await run.start<typeof campaignWorkflow>('campaignWorkflow', {
        workflowId: campaignWorkflowId(input.number),
        args: [input],
      });
      await run.recorder.waitFor('reviewerWorkload');
      const pages = run.recorder.of('startReviewerTasks');
      expect(pages.map((p) => p.input.afterKey)).toEqual([null, ...reviewers]);
      expect(new Set(pages.map((p) => p.runId)).size).toBeGreaterThan(2);
      expect(run.recorder.of('populateCampaign')).toHaveLength(1);
      expect(await handle.query(progressQuery)).toEqual({
        state: 'active',
        total: 45,
        pending: 45,
        reviewerTasks: 30,
        fanOutDone: true,
      });

      for (let n = 0; n < 4; n++) {
        await handle.executeUpdate(pauseUpdate, { args: [{ actor: 'bob' }] });
        await handle.executeUpdate(resumeUpdate, { args: [{ actor: 'bob' }] });
      }
      await expect(handle.executeUpdate(finalizeUpdate, { args: [{ actor: 'alice' }] })).resolves.toBe(
        'finalizing',
      );
      await expect(handle.result()).resolves.toBe('closed');
      const statuses = run.recorder.inputs('setCampaignStatus').map((s) => `${s.status} by ${s.actor}`);
      expect(statuses).toEqual([
        'active by system',
        ...Array<string[]>(4).fill(['paused by bob', 'active by bob']).flat(),
        'finalizing by alice',
        'closed by system',
      ]);
      expect(new Set(run.recorder.calls.map((c) => c.runId)).size).toBeGreaterThan(3);
    });
  });

  it('carries a busy reviewer task across runs without mailing its launch notice twice', async () => {
    const input = reviewerTaskInput({ notifyLaunch: true });
    let pending = 20;
    const fakes = {
      notifyReviewer: async () => 'sent' as const,
      confirmDecisions: async (): Promise<ConfirmResult> => ({
        itemIds: ['i'],
        forwarded: [],
        reviewerPending: --pending,
        campaignPending: true,
      }),
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await run.start<typeof reviewerTaskWorkflow>('reviewerTaskWorkflow', {
        workflowId: reviewerWorkflowId(input.number, input.reviewerKey),
        args: [input],
      });
      await run.recorder.waitFor('notifyReviewer');
      for (let n = 0; n < 15; n++) {
        const decisions = [{ itemId: `i${n}`, decision: 'approve' as const }];
        await handle.executeUpdate(confirmUpdate, { args: [{ actor: 'ra', decisions }] });
      }
      expect(new Set(run.recorder.of('confirmDecisions').map((c) => c.runId)).size).toBeGreaterThan(1);
      await detailsMatching(handle, /\*\*Items to review:\*\* 5\n\n\*\*Mail sent:\*\* launch\n/);
      await handle.signal(campaignEndedSignal, 'closed');
      await expect(handle.result()).resolves.toBe('closed');
      expect(run.recorder.inputs('notifyReviewer').map((m) => m.occurrence)).toEqual(['launch']);
    });
  });

  it('resumes a run carried from an older version: a plain actor key, no digest, nothing redone', async () => {
    const input = campaignInput();
    const carried: CampaignCarriedState = {
      state: 'active',
      pending: 2,
      total: 5,
      reviewers: 2,
      fanOutAfter: 'done',
      checkPending: false,
      finalizeRequestedBy: 'alice',
      cancelRequestedBy: null,
    };
    await env.withWorker(campaignActivities(), async (run) => {
      const handle = await run.start<typeof campaignWorkflow>('campaignWorkflow', {
        workflowId: campaignWorkflowId(input.number),
        args: [input, carried],
      });
      await expect(handle.result()).resolves.toBe('closed');
      await run.recorder.waitFor('notifyRemediationAssignees');
      expect(run.recorder.names()).toEqual([
        'setCampaignStatus',
        'resolveUndecided',
        'createRemediations',
        'setCampaignStatus',
        'signalReviewerTasks',
        'startRemediations',
        'notifyRemediationAssignees',
      ]);
      expect(run.recorder.inputs('setCampaignStatus')[0]).toEqual({
        campaignId: input.campaignId,
        status: 'finalizing',
        actor: 'alice',
      });
    });
  });
});
