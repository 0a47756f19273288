import type { WorkflowStartOptions } from '@temporalio/client';
import { reviewerWorkflowId } from '../../workflows/campaign.contract';
import type { ReviewerTaskInput } from '../../workflows/reviewer.contract';
import { CampaignIdKey, CampaignNumberKey, ReviewerIdKey } from '../../workflows/search-attributes';
import type { reviewerTaskWorkflow } from '../../workflows/reviewer.workflow';

/**
 * How a reviewer task is started, whether by the campaign's fan-out or by a first decision of a reviewer
 * who received items later (update-with-start): one workflow per (campaign, reviewer), never restarted once
 * it has ended.
 */
export function reviewerTaskOptions(
  taskQueue: string,
  input: ReviewerTaskInput,
): WorkflowStartOptions<typeof reviewerTaskWorkflow> & { workflowIdConflictPolicy: 'USE_EXISTING' } {
  return {
    workflowId: reviewerWorkflowId(input.number, input.reviewerKey),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    staticSummary: `${input.number} · reviewer ${input.reviewerKey} · ${input.title}`.slice(0, 200),
    typedSearchAttributes: [
      { key: CampaignIdKey, value: input.campaignId },
      { key: CampaignNumberKey, value: input.number },
      { key: ReviewerIdKey, value: input.reviewerKey },
    ],
  };
}
