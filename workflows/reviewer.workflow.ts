import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecertActivities } from '../activities';
import { itemsMayBeDoneSignal, MAX_DECISIONS_PER_CALL } from './campaign.contract';
import { campaignEndedSignal, confirmUpdate, ReviewerTaskInput } from './reviewer.contract';

// A local activity: one short transaction, run by the worker that holds the workflow, without a round
// trip through the server's activity queue — what keeps a reviewer's confirm call fast.
const { confirmDecisions } = proxyLocalActivities<RecertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

const { campaignStatus } = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** How often a task checks on its own whether its campaign ended, should the end signal never come. */
const SAFETY_CHECK_MS = 24 * 3600 * 1000;

/**
 * One reviewer's task within one campaign (`campaign-CAMP-000042-reviewer-<key>`): it receives the
 * reviewer's confirmations as Updates, so a campaign's decisions spread over as many executions as it has
 * reviewers, and it lives until its campaign ends.
 */
export async function reviewerTaskWorkflow(
  input: ReviewerTaskInput,
  carried?: { pending: number | null },
): Promise<string> {
  let pending: number | null = carried?.pending ?? null;
  let ended: string | null = null;

  const describe = () =>
    setCurrentDetails(
      [
        `**${input.number}** · ${input.title}`,
        `**Reviewer:** ${input.reviewerKey}`,
        `**Items to review:** ${pending ?? 'not counted yet'}`,
        `**Waiting for:** ${ended ? 'nothing: the campaign ended' : 'the reviewer to confirm decisions, or the campaign to end'}`,
      ].join('\n\n'),
    );

  setHandler(campaignEndedSignal, (outcome) => {
    ended = outcome;
    describe();
  });

  setHandler(
    confirmUpdate,
    async (request) => {
      try {
        const result = await confirmDecisions({
          ...request,
          campaignId: input.campaignId,
          reviewerKey: input.reviewerKey,
        });
        pending = result.reviewerPending;
        describe();
        if (!result.campaignPending) {
          await getExternalWorkflowHandle(input.campaignWorkflowId).signal(itemsMayBeDoneSignal);
        }
        return result;
      } catch (err) {
        // The reviewer sees the activity's own refusal (e.g. item-not-found), not a wrapper around it.
        if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
        throw err;
      }
    },
    {
      validator: (request) => {
        if (ended) {
          throw ApplicationFailure.create({
            type: 'campaign-not-active',
            message: `Campaign ${input.number} is ${ended}; decisions are refused.`,
            nonRetryable: true,
            details: [{ status: 409, title: 'Campaign accepts no decisions', errors: [] }],
          });
        }
        const count = request.decisions?.length ?? 0;
        if (request.drafts ? count > 0 : count === 0 || count > MAX_DECISIONS_PER_CALL) {
          throw ApplicationFailure.create({
            type: 'validation',
            message: `Confirm either the saved drafts or between 1 and ${MAX_DECISIONS_PER_CALL} decisions.`,
            nonRetryable: true,
            details: [{ status: 400, title: 'Request is invalid', errors: [] }],
          });
        }
      },
    },
  );

  describe();
  for (;;) {
    const woke = await condition(
      () => ended !== null || workflowInfo().continueAsNewSuggested,
      SAFETY_CHECK_MS,
    );
    if (!woke) {
      const status = await campaignStatus({ campaignId: input.campaignId });
      if (status === null || status === 'closed' || status === 'cancelled') ended = status ?? 'deleted';
    }
    if (ended) break;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof reviewerTaskWorkflow>(input, { pending });
    }
  }
  await condition(allHandlersFinished);
  return ended;
}
