import { readOptions } from '../domain/campaign-options';
import { CampaignCounts, CampaignRow } from '../domain/campaign.types';

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
