import { z } from 'zod';
import { pageView } from '../common/openapi';
import { REMEDIATION_TYPES, VERIFICATIONS, type RemediationRow } from '../domain/remediation.types';
import { CAMPAIGN_TYPES } from '../domain/campaign.types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRemediationView(r: RemediationRow) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    itemId: r.item_id,
    action: r.action,
    kind: r.kind,
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
    kind: r.kind,
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

const isoOrNull = z.iso.datetime().nullable();
const closedStatus = z.union([z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]);

/** A remediation as the API answers it, for the OpenAPI document (and the console). */
export const remediationView = z.object({
  id: z.string(),
  campaignId: z.uuid(),
  itemId: z.string(),
  action: z.enum(['revoke', 'update']),
  /** `account`: the account itself is disabled or deleted (revoke) or updated, not one right. */
  kind: z.enum(CAMPAIGN_TYPES),
  endDate: z.string().nullable(),
  type: z.enum(REMEDIATION_TYPES),
  label: z.string(),
  /** The assignment's key; for an account, the account's. */
  assignmentKey: z.string(),
  /** Null for an orphan account. */
  identityKey: z.string().nullable(),
  applicationKey: z.string(),
  /** Null for an account. */
  permissionKey: z.string().nullable(),
  accountKey: z.string().nullable(),
  assigneeKey: z.string().nullable(),
  status: z.string(),
  closedStatus,
  attempt: z.number().int(),
  orderStatus: z.string().nullable(),
  ticket: z
    .object({
      number: z.string().nullable(),
      id: z.string(),
      itsmInstance: z.string().nullable(),
      url: z.string().nullable(),
    })
    .nullable(),
  itsmInstance: z.string().nullable(),
  comment: z.string().nullable(),
  closedBy: z.string().nullable(),
  createdAt: isoOrNull,
  launchedAt: isoOrNull,
  lastPolledAt: isoOrNull,
  pollCount: z.number().int(),
  closedAt: isoOrNull,
  verification: z.enum(VERIFICATIONS),
  verifiedAt: isoOrNull,
  reopenedCount: z.number().int(),
  flagged: z.boolean(),
});

export const remediationPageView = pageView(remediationView);

/** One remediation with every read of its ticket. */
export const remediationDetailView = remediationView.extend({
  polls: z.array(
    z.object({ attempt: z.number().int(), at: z.iso.datetime(), status: z.string(), closedStatus }),
  ),
});

/** Apply decisions: the dry run (what would be created) or the count created. */
export const applyDecisionsView = z.object({
  campaignId: z.uuid(),
  applied: z.boolean(),
  remediations: z.number().int(),
  byType: z.record(z.string(), z.record(z.string(), z.number().int())).optional(),
  sample: z
    .array(
      z.object({
        itemId: z.string(),
        action: z.string(),
        label: z.string(),
        type: z.string(),
        itsmInstance: z.string().nullable(),
        assigneeKey: z.string().nullable(),
      }),
    )
    .optional(),
});
