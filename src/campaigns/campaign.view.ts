import { z } from 'zod';
import { pageView } from '../common/openapi';
import { CAMPAIGN_STATES, ON_DUE_DATE } from '../../workflows/campaign.contract';
import { REVIEWER_RULE_NAMES } from '../domain/reviewer-rules';
import { campaignOptionsSchema, readOptions } from '../domain/campaign-options';
import { CAMPAIGN_TYPES, CampaignCounts, CampaignRow, ITEM_STATUSES } from '../domain/campaign.types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where the campaign's workflow shows in the Temporal Web UI, when the UI's address is known. */
export interface WorkflowLink {
  uiUrl: string | null;
  namespace: string;
}

/** What every view of a campaign shows of it, the reviewer's pages as the administrator's console. */
export type CampaignSummaryRow = Pick<
  CampaignRow,
  'id' | 'number' | 'title' | 'description' | 'priority' | 'type' | 'status' | 'due_at' | 'closed_at'
>;

export function toCampaignSummary(row: CampaignSummaryRow) {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    priority: row.priority,
    type: row.type,
    status: row.status,
    dueAt: row.due_at.toISOString(),
    closedAt: iso(row.closed_at),
  };
}

export function toCampaignView(row: CampaignRow, all: CampaignCounts, link: WorkflowLink) {
  const { closedAtDueDate, ...counts } = all;
  return {
    ...toCampaignSummary(row),
    ownerKey: row.owner_key,
    scope: row.scope,
    reviewers: row.reviewers,
    onDueDate: row.on_due_date,
    options: readOptions(row.options),
    ledgerImportId: row.ledger_import_id,
    policyId: row.policy_id,
    workflowId: row.workflow_id,
    workflowUrl: link.uiUrl
      ? `${link.uiUrl}/namespaces/${encodeURIComponent(link.namespace)}/workflows/${encodeURIComponent(row.workflow_id)}`
      : null,
    counts,
    closedAtDueDate,
    createdAt: row.created_at.toISOString(),
    activatedAt: iso(row.activated_at),
    pausedAt: iso(row.paused_at),
    finalizingAt: iso(row.finalizing_at),
    cancelledAt: iso(row.cancelled_at),
    decisionsAppliedAt: iso(row.decisions_applied_at),
    decisionsAppliedBy: row.decisions_applied_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

export type CampaignView = ReturnType<typeof toCampaignView>;

const isoOrNull = z.iso.datetime().nullable();

/** The campaign as the API answers it, for the OpenAPI document (and the web app's client). */
export const campaignView = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  /** 1 is the most urgent, 5 the least. */
  priority: z.number().int().min(1).max(5),
  /** `right`: identities' permissions; `account`: the applications' accounts, orphans included. */
  type: z.enum(CAMPAIGN_TYPES),
  status: z.enum(CAMPAIGN_STATES),
  ownerKey: z.string(),
  dueAt: z.iso.datetime(),
  scope: z.object({
    applicationKeys: z.array(z.string()).optional(),
    permissionKeys: z.array(z.string()).optional(),
    identityKeys: z.array(z.string()).optional(),
    /** A policy's scope expression, for campaigns a policy launched. */
    policy: z.record(z.string(), z.unknown()).optional(),
  }),
  reviewers: z.object({
    strategy: z.array(z.enum(REVIEWER_RULE_NAMES)),
    defaultReviewerKey: z.string().nullable(),
  }),
  onDueDate: z.enum(ON_DUE_DATE),
  options: campaignOptionsSchema,
  ledgerImportId: z.string().nullable(),
  policyId: z.string().nullable(),
  workflowId: z.string(),
  workflowUrl: z.url().nullable(),
  counts: z.object({
    total: z.number().int(),
    ...Object.fromEntries(ITEM_STATUSES.map((s) => [s, z.number().int()])),
  }),
  /** Items the due-date rule decided (counted in `counts` by their status too): no reviewer decided them. */
  closedAtDueDate: z.number().int(),
  createdAt: z.iso.datetime(),
  activatedAt: isoOrNull,
  pausedAt: isoOrNull,
  finalizingAt: isoOrNull,
  closedAt: isoOrNull,
  cancelledAt: isoOrNull,
  decisionsAppliedAt: isoOrNull,
  decisionsAppliedBy: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});

export const campaignPageView = pageView(campaignView);

/** The fields of `toCampaignSummary`. */
export const campaignSummaryView = campaignView.pick({
  id: true,
  number: true,
  title: true,
  description: true,
  priority: true,
  type: true,
  status: true,
  dueAt: true,
  closedAt: true,
});
