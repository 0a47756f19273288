import type { RemediationRow } from '../domain/remediation.types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRemediationView(r: RemediationRow) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    itemId: r.item_id,
    action: r.action,
    endDate: r.details?.endDate ?? null,
    type: r.type,
    label: r.label,
    assignmentKey: r.assignment_key,
    identityKey: r.identity_key,
    applicationKey: r.application_key,
    permissionKey: r.permission_key,
    accountKey: r.account_key,
    assigneeKey: r.assignee_key,
    status: r.status,
    closedStatus: r.closed_status,
    attempt: r.attempt,
    orderStatus: r.order_status,
    ticket: r.external_id
      ? { number: r.external_number, id: r.external_id, itsmInstance: r.itsm_instance, url: r.external_url }
      : null,
    itsmInstance: r.itsm_instance,
    comment: r.comment,
    closedBy: r.closed_by,
    createdAt: iso(r.created_at),
    launchedAt: iso(r.launched_at),
    lastPolledAt: iso(r.last_polled_at),
    pollCount: r.poll_count,
    closedAt: iso(r.closed_at),
    verification: r.verification,
    verifiedAt: iso(r.verified_at),
    reopenedCount: r.reopened_count,
    flagged: r.flagged,
  };
}
export type RemediationView = ReturnType<typeof toRemediationView>;

export function toProvisioningOrderView(r: RemediationRow) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    action: r.action,
    endDate: r.details?.endDate ?? null,
    identityKey: r.identity_key,
    applicationKey: r.application_key,
    permissionKey: r.permission_key,
    accountKey: r.account_key,
    assignmentKey: r.assignment_key,
    label: r.label,
    status: r.order_status,
    attempt: r.attempt,
    createdAt: iso(r.launched_at ?? r.created_at),
    comment: r.comment,
  };
}
