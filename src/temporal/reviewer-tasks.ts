import type { WorkflowStartOptions } from '@temporalio/client';
import { reviewerWorkflowId } from '../../workflows/campaign.contract';
import type { NotificationPlan, ReviewerTaskInput } from '../../workflows/reviewer.contract';
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
    // Reviewer tasks are not children of their campaign (a child's history would grow the campaign's):
    // these lines and the search attributes are what relate them in the UI.
    staticDetails: [
      `Reviewer task of **${input.reviewerKey}** in campaign **${input.number}** (${input.title}).`,
      `Campaign workflow: \`${input.campaignWorkflowId}\`.`,
      `Every reviewer task of this campaign: \`RecertCampaignId = '${input.campaignId}'\`.`,
      input.escalationByCampaign
        ? 'Escalations go out from the campaign workflow, one digest per recipient.'
        : 'Escalations: this task asks for them when they are due (the first request sends the round).',
    ].join('\n\n'),
    typedSearchAttributes: [
      { key: CampaignIdKey, value: input.campaignId },
      { key: CampaignNumberKey, value: input.number },
      { key: ReviewerIdKey, value: input.reviewerKey },
    ],
  };
}

/** A campaign's mail plan in milliseconds, from its options. */
export function mailPlan(campaign: CampaignRow): NotificationPlan {
  const { notifications } = readOptions(campaign.options);
  const ms = (v: string | null | undefined) => (v ? (parseIsoDuration(v) ?? null) : null);
  return {
    reminderFirstMs: ms(notifications.reminders?.first),
    reminderEveryMs: ms(notifications.reminders?.every),
    closingSoonMs: ms(notifications.closingSoon),
    escalateAfterMs: ms(notifications.escalateAfter),
  };
}

/** When the campaign's launch-relative plan starts. */
export const launchedAt = (campaign: CampaignRow) =>
  (campaign.activated_at ?? campaign.created_at).toISOString();

/**
 * The task input for one reviewer of a campaign, its mail plan taken from the campaign's options.
 * `escalationByCampaign`: the campaign workflow sends the escalation digests, so the task does not ask.
 */
export function reviewerTaskInput(
  campaign: CampaignRow,
  reviewerKey: string,
  notifyLaunch: boolean,
  escalationByCampaign?: boolean,
): ReviewerTaskInput {
  return {
    campaignId: campaign.id,
    number: campaign.number,
    title: campaign.title,
    reviewerKey,
    campaignWorkflowId: campaign.workflow_id,
    launchedAt: launchedAt(campaign),
    dueAt: campaign.due_at.toISOString(),
    plan: mailPlan(campaign),
    notifyLaunch,
    ...(escalationByCampaign ? { escalationByCampaign } : {}),
  };
}
