import { z } from 'zod';
import { CAMPAIGN_STATES, ON_DUE_DATE } from '../../workflows/campaign.contract';
import { readOptions } from '../domain/campaign-options';
import { CampaignCounts, CampaignRow, ITEM_STATUSES } from '../domain/campaign.types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCampaignView(row: CampaignRow, counts: CampaignCounts) {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    type: row.type,
    status: row.status,
    ownerKey: row.owner_key,
    dueAt: row.due_at.toISOString(),
    scope: row.scope,
    reviewers: row.reviewers,
    onDueDate: row.on_due_date,
    options: readOptions(row.options),
    ledgerImportId: row.ledger_import_id,
    policyId: row.policy_id,
    workflowId: row.workflow_id,
    counts,
    createdAt: row.created_at.toISOString(),
    activatedAt: iso(row.activated_at),
    pausedAt: iso(row.paused_at),
    finalizingAt: iso(row.finalizing_at),
    closedAt: iso(row.closed_at),
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
  type: z.literal('right'),
  status: z.enum(CAMPAIGN_STATES),
  ownerKey: z.string(),
  dueAt: z.iso.datetime(),
  scope: z.record(z.string(), z.unknown()),
  reviewers: z.record(z.string(), z.unknown()),
  onDueDate: z.enum(ON_DUE_DATE),
  options: z.record(z.string(), z.unknown()),
  ledgerImportId: z.string().nullable(),
  policyId: z.string().nullable(),
  workflowId: z.string(),
  counts: z.object({
    total: z.number().int(),
    ...Object.fromEntries(ITEM_STATUSES.map((s) => [s, z.number().int()])),
  }),
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

export const campaignPageView = z.object({ items: z.array(campaignView), nextCursor: z.string().nullable() });
