import { z } from 'zod';
import { DECISIONS } from '../../workflows/campaign.contract';
import { campaignSummaryView, toCampaignSummary } from '../campaigns';
import { readOptions } from '../domain/campaign-options';
import { CAMPAIGN_TYPES, ITEM_STATUSES } from '../domain/campaign.types';
import type { HistoryRow, MyCampaignRow, WorkspaceItemRow } from './reviewer-workspace.repository';

/** The responses of the reviewer's pages, as zod schemas: the OpenAPI document (and the web app's client) show them. */

const iso = z.iso.datetime();

const { closedAt, ...summary } = campaignSummaryView.shape;

export const myCampaignView = z.object({
  ...summary,
  /** The caller's items in it, those still to review, and those with an unconfirmed draft. */
  total: z.number().int(),
  pending: z.number().int(),
  drafts: z.number().int(),
  /** What the caller decided (confirmed), apart from what the due date decided for them. */
  approved: z.number().int(),
  revoked: z.number().int(),
  updated: z.number().int(),
  /** Items the campaign closed without the caller's decision (the due date's outcome, or cancelled). */
  undecided: z.number().int(),
  closedAt,
  commentRequired: z.enum(['never', 'revoke', 'always']),
  allowSelfDelegation: z.boolean(),
  /** Whether the reviewer may download their items as a spreadsheet and upload decisions from it. */
  offlineReview: z.boolean(),
});
export type MyCampaignView = z.infer<typeof myCampaignView>;

const draftView = z.object({
  decision: z.enum(DECISIONS),
  comment: z.string().nullable(),
  endDate: z.string().nullable(),
  forwardTo: z.string().nullable(),
  forwardReason: z.string().nullable(),
  savedAt: iso.nullable(),
});

export const workspaceItemView = z.object({
  id: z.string(),
  /** `right`: an identity's permission; `account`: the account itself. */
  kind: z.enum(CAMPAIGN_TYPES),
  status: z.enum(ITEM_STATUSES),
  /** The reviewed identity (an account's owner); null for an orphan account. */
  identity: z
    .object({
      key: z.string(),
      name: z.string(),
      department: z.string().nullable(),
      jobTitle: z.string().nullable(),
    })
    .nullable(),
  application: z.object({ key: z.string(), name: z.string() }),
  /** Null for an account item. */
  permission: z.object({ key: z.string(), name: z.string() }).nullable(),
  account: z.object({ key: z.string(), login: z.string() }).nullable(),
  recommendation: z.enum(['recommended', 'not_recommended', 'none']),
  mover: z.boolean(),
  /** What changed about the owner since the assignment was last approved, e.g. "department: Sales → Support". */
  moverReason: z.string().nullable(),
  inactive: z.boolean(),
  /** The permission is privileged or critical (the ledger's flag); false for an account item. */
  critical: z.boolean(),
  lastLoginAt: iso.nullable(),
  comment: z.string().nullable(),
  endDate: z.string().nullable(),
  forwardTo: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: iso.nullable(),
  /** Who last forwarded the item (to the caller, or from them), and why if they said. */
  forwardedBy: z.object({ key: z.string(), name: z.string() }).nullable(),
  forwardReason: z.string().nullable(),
  draft: draftView.nullable(),
  reviewerOrigin: z.string(),
  accountableReviewerKey: z.string(),
});
export type WorkspaceItemView = z.infer<typeof workspaceItemView>;

export const campaignWorkspaceView = z.object({
  campaign: myCampaignView,
  items: z.array(workspaceItemView),
});

export const historyEntryView = z.object({
  itemId: z.string(),
  campaign: campaignSummaryView.pick({ id: true, number: true, title: true, status: true, closedAt: true }),
  status: z.enum(ITEM_STATUSES),
  comment: z.string().nullable(),
  endDate: z.string().nullable(),
  decidedBy: z.object({ key: z.string(), name: z.string() }).nullable(),
  decidedAt: iso.nullable(),
});
export const itemHistoryView = z.object({ items: z.array(historyEntryView) });

export function toMyCampaignView(row: MyCampaignRow): MyCampaignView {
  const options = readOptions(row.options);
  return {
    ...toCampaignSummary(row),
    total: Number(row.total),
    pending: Number(row.pending),
    drafts: Number(row.drafts),
    approved: Number(row.approved),
    revoked: Number(row.revoked),
    updated: Number(row.updated),
    undecided: Number(row.undecided),
    commentRequired: options.commentRequired,
    allowSelfDelegation: options.allowSelfDelegation,
    offlineReview: options.offlineReview,
  };
}

const TRACKED: [key: string, label: string][] = [
  ['ownerKey', 'owner'],
  ['department', 'department'],
  ['jobTitle', 'job title'],
  ['managerKey', 'manager'],
];

/** "department: Sales → Support; manager: mgr → ceo", from two owner snapshots. */
export function moverReason(
  before: Record<string, unknown> | null,
  now: Record<string, unknown>,
): string | null {
  if (!before) return null;
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const changes = TRACKED.filter(([key]) => shown(before[key]) !== shown(now[key])).map(
    ([key, label]) => `${label}: ${shown(before[key])} → ${shown(now[key])}`,
  );
  return changes.length > 0 ? changes.join('; ') : null;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

export function toWorkspaceItemView(row: WorkspaceItemRow): WorkspaceItemView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    identity: row.identity_key
      ? {
          key: row.identity_key,
          name: row.identity_name ?? row.identity_key,
          department: text(row.owner_snapshot.department),
          jobTitle: text(row.owner_snapshot.jobTitle),
        }
      : null,
    application: { key: row.application_key, name: row.application_name ?? row.application_key },
    permission: row.permission_key
      ? { key: row.permission_key, name: row.permission_name ?? row.permission_key }
      : null,
    account: row.account_key ? { key: row.account_key, login: row.account_login ?? row.account_key } : null,
    recommendation: row.recommendation,
    mover: row.mover,
    moverReason: row.mover ? moverReason(row.previous_owner, row.owner_snapshot) : null,
    inactive: row.inactive,
    critical: row.permission_critical === true,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    comment: row.comment,
    endDate: row.decision_details?.endDate ?? null,
    forwardTo: row.decision_details?.forwardTo ?? null,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    forwardedBy: row.forwarded_by
      ? { key: row.forwarded_by, name: row.forwarded_by_name ?? row.forwarded_by }
      : null,
    forwardReason: row.forward_reason,
    draft: row.draft_decision
      ? {
          decision: row.draft_decision,
          comment: row.draft_comment,
          endDate: row.draft_payload?.endDate ?? null,
          forwardTo: row.draft_payload?.forwardTo ?? null,
          forwardReason: row.draft_payload?.forwardReason ?? null,
          savedAt: row.draft_at?.toISOString() ?? null,
        }
      : null,
    reviewerOrigin: row.reviewer_origin,
    accountableReviewerKey: row.accountable_reviewer_key,
  };
}

export function toHistoryEntry(row: HistoryRow): z.infer<typeof historyEntryView> {
  return {
    itemId: row.item_id,
    campaign: {
      id: row.campaign_id,
      number: row.number,
      title: row.title,
      status: row.campaign_status,
      closedAt: row.closed_at?.toISOString() ?? null,
    },
    status: row.status as z.infer<typeof historyEntryView>['status'],
    comment: row.comment,
    endDate: row.decision_details?.endDate ?? null,
    decidedBy: row.decided_by ? { key: row.decided_by, name: row.decided_by_name ?? row.decided_by } : null,
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}
