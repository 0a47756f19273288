import type { WorkflowStartOptions } from '@temporalio/client';
import { reviewerWorkflowId } from '../../workflows/campaign.contract';
import type { ReviewerTaskInput } from '../../workflows/reviewer.contract';
import { readOptions } from '../domain/campaign-options';
import type { CampaignRow } from '../domain/campaign.types';
import { parseIsoDuration } from '../common/iso-duration';
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

/** The task input for one reviewer of a campaign, its mail plan taken from the campaign's options. */
export function reviewerTaskInput(
  campaign: CampaignRow,
  reviewerKey: string,
  notifyLaunch: boolean,
): ReviewerTaskInput {
  const { notifications } = readOptions(campaign.options);
  const ms = (v: string | null | undefined) => (v ? (parseIsoDuration(v) ?? null) : null);
  return {
    campaignId: campaign.id,
    number: campaign.number,
    title: campaign.title,
    reviewerKey,
    campaignWorkflowId: campaign.workflow_id,
    launchedAt: (campaign.activated_at ?? campaign.created_at).toISOString(),
    dueAt: campaign.due_at.toISOString(),
    plan: {
      reminderFirstMs: ms(notifications.reminders?.first),
      reminderEveryMs: ms(notifications.reminders?.every),
      closingSoonMs: ms(notifications.closingSoon),
      escalateAfterMs: ms(notifications.escalateAfter),
    },
    notifyLaunch,
  };
}
