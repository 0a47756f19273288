import type { CampaignState, OnDueDate } from '../../workflows/campaign.contract';
import type { CampaignOptions } from './campaign-options';
import type { ReviewerRule } from './reviewer-rules';
import type { PolicyScope } from './scope/scope.schema';

/** Seed 003's campaign types: an identity's rights, or the accounts of the applications themselves. */
export const CAMPAIGN_TYPES = ['right', 'account'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export interface CampaignScope {
  applicationKeys?: string[];
  permissionKeys?: string[];
  identityKeys?: string[];
  /** Campaigns launched by a policy select what its scope selects at launch. */
  policy?: PolicyScope;
}

export interface CampaignReviewers {
  strategy: ReviewerRule[];
  defaultReviewerKey: string | null;
}

export interface CampaignRow {
  id: string;
  number: string;
  title: string;
  description: string;
  priority: number;
  type: CampaignType;
  status: CampaignState;
  owner_key: string;
  due_at: Date;
  scope: CampaignScope;
  reviewers: CampaignReviewers;
  on_due_date: OnDueDate;
  options: Partial<CampaignOptions>;
  ledger_import_id: string | null;
  workflow_id: string;
  created_at: Date;
  activated_at: Date | null;
  paused_at: Date | null;
  finalizing_at: Date | null;
  closed_at: Date | null;
  cancelled_at: Date | null;
  decisions_applied_at: Date | null;
  decisions_applied_by: string | null;
  policy_id: string | null;
  /** Digest of the API request its Idempotency-Key was first sent with. */
  request_hash: string | null;
  updated_at: Date;
}

export const ITEM_STATUSES = [
  'to_be_reviewed',
  'ok',
  'revoke',
  'update',
  'reassign',
  'not_reviewed',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Items by status; `closedAtDueDate` of them were decided by the due-date rule, not by a reviewer. */
export type CampaignCounts = { total: number; closedAtDueDate: number } & Record<ItemStatus, number>;
