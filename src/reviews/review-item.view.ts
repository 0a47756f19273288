import { ReviewItemRow } from './review-item.types';

export function toReviewItemView(row: ReviewItemRow) {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    kind: row.kind,
    label: row.label,
    assignmentKey: row.assignment_key,
    identityKey: row.identity_key,
    applicationKey: row.application_key,
    permissionKey: row.permission_key,
    accountKey: row.account_key,
    ownerSnapshot: row.owner_snapshot,
    accountableReviewerKey: row.accountable_reviewer_key,
    responsibleReviewerKey: row.responsible_reviewer_key,
    reviewerOrigin: row.reviewer_origin,
    recommendation: row.recommendation,
    status: row.status,
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export type ReviewItemView = ReturnType<typeof toReviewItemView>;
