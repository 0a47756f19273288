import { z } from 'zod';
import { pageView } from '../common/openapi';
import { DECISIONS } from '../../workflows/campaign.contract';
import { CAMPAIGN_TYPES, ITEM_STATUSES } from '../domain/campaign.types';
import { ReviewItemRow } from '../domain/review-item.types';

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
    mover: row.mover,
    inactive: row.inactive,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    status: row.status,
    comment: row.comment,
    decisionDetails: row.decision_details,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    draft: row.draft_decision
      ? {
          decision: row.draft_decision,
          comment: row.draft_comment,
          endDate: row.draft_payload?.endDate ?? null,
          forwardTo: row.draft_payload?.forwardTo ?? null,
          savedAt: row.draft_at ? row.draft_at.toISOString() : null,
        }
      : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export type ReviewItemView = ReturnType<typeof toReviewItemView>;

const isoOrNull = z.iso.datetime().nullable();

/** A campaign's item as administrators and auditors see it, for the OpenAPI document. */
export const reviewItemView = z.object({
  id: z.string(),
  campaignId: z.uuid(),
  kind: z.enum(CAMPAIGN_TYPES),
  label: z.string(),
  /** The assignment's key; for an account item, the account's. */
  assignmentKey: z.string(),
  /** For an account item its owner, null for an orphan account. */
  identityKey: z.string().nullable(),
  applicationKey: z.string(),
  /** Null for an account item. */
  permissionKey: z.string().nullable(),
  accountKey: z.string().nullable(),
  ownerSnapshot: z.record(z.string(), z.unknown()),
  accountableReviewerKey: z.string(),
  responsibleReviewerKey: z.string(),
  reviewerOrigin: z.string(),
  recommendation: z.enum(['recommended', 'not_recommended', 'none']),
  mover: z.boolean(),
  inactive: z.boolean(),
  lastLoginAt: isoOrNull,
  status: z.enum(ITEM_STATUSES),
  comment: z.string().nullable(),
  decisionDetails: z.object({ endDate: z.string().optional(), forwardTo: z.string().optional() }).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: isoOrNull,
  draft: z
    .object({
      decision: z.enum(DECISIONS),
      comment: z.string().nullable(),
      endDate: z.string().nullable(),
      forwardTo: z.string().nullable(),
      savedAt: isoOrNull,
    })
    .nullable(),
  updatedAt: z.iso.datetime(),
});

export const reviewItemPageView = pageView(reviewItemView);
