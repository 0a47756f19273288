import { ApplicationFailure } from '@temporalio/common';
import { reviewerWorkflowId } from '../../workflows/campaign.contract';
import type { campaignWorkflow } from '../../workflows/campaign.workflow';
import {
  campaignEndedSignal,
  campaignPausedSignal,
  type ConfirmResult,
  confirmUpdate,
  type ReviewerTaskInput,
} from '../../workflows/reviewer.contract';
import type { reviewerTaskWorkflow } from '../../workflows/reviewer.workflow';
import {
  campaignActivities,
  campaignInput,
  NO_MAIL,
  refusal,
  reviewerTaskInput,
} from '../support/workflow-fakes';
import { detailsMatching, isoIn, sleep, WorkerRun, WorkflowTestEnv } from '../support/workflow-env';

/** One reviewer's task: its mail on the campaign's plan, pauses, and the confirmations it takes. */
describe('reviewer task workflow', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  const startTask = (run: WorkerRun, input: ReviewerTaskInput) =>
    run.start<typeof reviewerTaskWorkflow>('reviewerTaskWorkflow', {
      workflowId: reviewerWorkflowId(input.number, input.reviewerKey),
      args: [input],
    });
  const sent = { notifyReviewer: async () => 'sent' as const };
  const confirmed = (result: Partial<ConfirmResult> = {}) => ({
    confirmDecisions: async ({
      decisions,
    }: {
      decisions?: { itemId: string }[];
    }): Promise<ConfirmResult> => ({
      itemIds: (decisions ?? []).map((d) => d.itemId),
      forwarded: [],
      reviewerPending: 0,
      campaignPending: true,
      ...result,
    }),
  });

  it('mails on the plan — launch notice, reminders, escalation, closing soon — and ends with its campaign', async () => {
    const plan = { reminderFirstMs: 500, reminderEveryMs: 700, closingSoonMs: 1_000, escalateAfterMs: 1_500 };
    await env.withWorker(sent, async (run) => {
      const launchedAt = Date.now();
      const common = { launchedAt: isoIn(0, launchedAt), dueAt: isoIn(3_000, launchedAt), plan };
      const asks = reviewerTaskInput({ ...common, notifyLaunch: true });
      // A task of a campaign that sends escalation digests leaves the escalation to it.
      const leaves = reviewerTaskInput({ ...common, reviewerKey: 'rb', escalationByCampaign: true });
      const [first, second] = [await startTask(run, asks), await startTask(run, leaves)];
      await run.recorder.until(
        () => run.recorder.of('notifyReviewer').length >= 12,
        'both tasks to send their mail',
      );
      await sleep(Date.parse(common.dueAt) - Date.now() + 300);
      const mailOf = (workflowId: string) =>
        run.recorder.of('notifyReviewer').filter((c) => c.workflowId === workflowId);
      const mail = mailOf(first.workflowId);
      const base = { campaignId: asks.campaignId, reviewerKey: 'ra', onlyIfPending: true };
      const reminder = (n: number) => ({ ...base, event: 'reminder', occurrence: `reminder-${n}` });
      expect(mail.map((c) => c.input)).toEqual([
        { ...base, event: 'campaign-launched', occurrence: 'launch' },
        reminder(1),
        reminder(2),
        { ...base, event: 'escalation', occurrence: 'ra-escalation' },
        reminder(3),
        { ...base, event: 'closing-soon', occurrence: 'closing-soon' },
        reminder(4),
      ]);
      [0, 500, 1_200, 1_500, 1_900, 2_000, 2_600].forEach((offset, n) =>
        expect(mail[n].at).toBeGreaterThanOrEqual(launchedAt + offset),
      );
      expect(mailOf(second.workflowId).map((c) => c.input.occurrence)).toEqual([
        'reminder-1',
        'reminder-2',
        'reminder-3',
        'closing-soon',
        'reminder-4',
      ]);
      await detailsMatching(first, /\*\*Next mail:\*\* none planned/);

      await first.signal(campaignEndedSignal, 'closed');
      await second.signal(campaignEndedSignal, 'cancelled');
      await expect(first.result()).resolves.toBe('closed');
      await expect(second.result()).resolves.toBe('cancelled');
    });
  });

  it('holds its mail while the campaign is paused and shifts it by the pause', async () => {
    await env.withWorker(sent, async (run) => {
      const launchedAt = Date.now();
      const input = reviewerTaskInput({
        launchedAt: isoIn(0, launchedAt),
        plan: { ...NO_MAIL, reminderFirstMs: 2_000 },
      });
      const handle = await startTask(run, input);
      await handle.signal(campaignPausedSignal, true);
      await detailsMatching(handle, /\*\*Next mail:\*\* held while the campaign is paused/);
      const pausedBy = Date.now();
      await sleep(launchedAt + 2_500 - Date.now());
      expect(run.recorder.calls).toEqual([]);

      const resumedAt = Date.now();
      await handle.signal(campaignPausedSignal, false);
      const [reminder] = await run.recorder.waitFor('notifyReviewer');
      expect(reminder.input.occurrence).toBe('reminder-1');
      expect(reminder.at).toBeGreaterThanOrEqual(launchedAt + 2_000 + (resumedAt - pausedBy));
    });
  });

  it('holds a mail the database answered "paused" for until the campaign resumes, then sends it', async () => {
    const input = reviewerTaskInput({ plan: { ...NO_MAIL, reminderFirstMs: 300 } });
    const outcomes = ['paused' as const, 'sent' as const];
    const fakes = { notifyReviewer: async () => outcomes.shift() ?? 'sent' };
    await env.withWorker(fakes, async (run) => {
      const handle = await startTask(run, input);
      await run.recorder.waitFor('notifyReviewer');
      await detailsMatching(handle, /\*\*Waiting for:\*\* the campaign to resume/);
      await sleep(1_000);
      expect(run.recorder.of('notifyReviewer')).toHaveLength(1);

      const resumedAt = Date.now();
      await handle.signal(campaignPausedSignal, false);
      const [, again] = await run.recorder.waitFor('notifyReviewer', 2);
      expect(again.input.occurrence).toBe('reminder-1');
      expect(again.at).toBeGreaterThanOrEqual(resumedAt);
      await detailsMatching(handle, /\*\*Mail sent:\*\* reminder-1/);
    });
  });

  it('confirms through its local activity and, when nothing may be pending, tells its campaign, which closes', async () => {
    const campaign = campaignInput();
    const task = reviewerTaskInput({
      campaignId: campaign.campaignId,
      number: campaign.number,
      campaignWorkflowId: `campaign-${campaign.number}`,
    });
    const fakes = {
      ...campaignActivities({ pendingCounts: [0] }),
      ...confirmed({ campaignPending: false }),
    };
    await env.withWorker(fakes, async (run) => {
      const campaignHandle = await run.start<typeof campaignWorkflow>('campaignWorkflow', {
        workflowId: task.campaignWorkflowId,
        args: [campaign],
      });
      await run.recorder.waitFor('reviewerWorkload');
      const handle = await startTask(run, task);
      const request = {
        actor: 'ra',
        via: 'session:r',
        requestId: 'req-c',
        requestHash: 'hash-1',
        decisions: [{ itemId: 'i1', decision: 'approve' as const }],
      };
      await expect(handle.executeUpdate(confirmUpdate, { args: [request] })).resolves.toEqual({
        itemIds: ['i1'],
        forwarded: [],
        reviewerPending: 0,
        campaignPending: false,
      });
      expect(run.recorder.inputs('confirmDecisions')).toEqual([
        { ...request, campaignId: task.campaignId, reviewerKey: 'ra' },
      ]);
      await expect(campaignHandle.result()).resolves.toBe('closed');
      expect(run.recorder.inputs('campaignPending')).toEqual([{ campaignId: campaign.campaignId }]);
      await detailsMatching(handle, /\*\*Items to review:\*\* 0/);
    });
  });

  it('starts the task of the reviewer items were forwarded to, and tells them', async () => {
    const input = reviewerTaskInput({ escalationByCampaign: true });
    const fakes = {
      ...sent,
      ...confirmed({ forwarded: [{ to: 'fwd', count: 2 }], reviewerPending: 3 }),
      ensureReviewerTask: async () => undefined,
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startTask(run, input);
      const forward = { itemId: 'i1', decision: 'forward' as const, forwardTo: 'fwd' };
      const result = await handle.executeUpdate(confirmUpdate, {
        args: [{ actor: 'ra', decisions: [forward, { ...forward, itemId: 'i2' }] }],
      });
      expect(result).toMatchObject({ forwarded: [{ to: 'fwd', count: 2 }], reviewerPending: 3 });
      await run.recorder.waitFor('notifyReviewer');
      expect(run.recorder.names()).toEqual(['confirmDecisions', 'ensureReviewerTask', 'notifyReviewer']);
      const { campaignId } = input;
      expect(run.recorder.inputs('ensureReviewerTask')).toEqual([
        { campaignId, reviewerKey: 'fwd', escalationByCampaign: true },
      ]);
      expect(run.recorder.inputs('notifyReviewer')).toEqual([
        {
          campaignId,
          reviewerKey: 'fwd',
          event: 'item-forwarded',
          occurrence: `from-ra-${handle.firstExecutionRunId}-0`,
          forwardedBy: 'ra',
          forwardedCount: 2,
        },
      ]);
    });
  });

  it('refuses empty or mixed confirmations, and passes the activity’s own refusal through unwrapped', async () => {
    const input = reviewerTaskInput();
    const fakes = {
      confirmDecisions: async (): Promise<ConfirmResult> => {
        throw ApplicationFailure.create({
          type: 'item-not-found',
          message: 'Item i9 is not yours to review.',
          nonRetryable: true,
        });
      },
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startTask(run, input);
      const validation = {
        type: 'validation',
        message: 'Confirm either the saved drafts or between 1 and 500 decisions.',
      };
      expect(
        await refusal(handle.executeUpdate(confirmUpdate, { args: [{ actor: 'ra', decisions: [] }] })),
      ).toEqual(validation);
      const one = [{ itemId: 'i9', decision: 'approve' as const }];
      expect(
        await refusal(
          handle.executeUpdate(confirmUpdate, { args: [{ actor: 'ra', drafts: true, decisions: one }] }),
        ),
      ).toEqual(validation);
      expect(run.recorder.calls).toEqual([]);
      expect(
        await refusal(handle.executeUpdate(confirmUpdate, { args: [{ actor: 'ra', decisions: one }] })),
      ).toEqual({ type: 'item-not-found', message: 'Item i9 is not yours to review.' });
      expect(run.recorder.names()).toEqual(['confirmDecisions']);
    });
  });
});
