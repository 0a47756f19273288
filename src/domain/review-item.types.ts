import type { Decision } from '../../workflows/campaign.contract';
import type { CampaignType, ItemStatus } from './campaign.types';

export interface ReviewItemRow {
  id: string;
  campaign_id: string;
  kind: CampaignType;
  /** The assignment's key; for an account item, the account's. */
  assignment_key: string;
  /** The reviewed identity; for an account item its owner, null for an orphan account. */
  identity_key: string | null;
  application_key: string;
  /** Null for an account item. */
  permission_key: string | null;
  account_key: string | null;
  label: string;
  owner_snapshot: Record<string, unknown>;
  accountable_reviewer_key: string;
  responsible_reviewer_key: string;
  reviewer_origin: string;
  recommendation: 'recommended' | 'not_recommended' | 'none';
  status: ItemStatus;
  comment: string | null;
  decision_details: { endDate?: string; forwardTo?: string } | null;
  decided_by: string | null;
  decided_at: Date | null;
  mover: boolean;
  inactive: boolean;
  last_login_at: Date | null;
  draft_decision: Decision | null;
  draft_comment: string | null;
  draft_payload: { endDate?: string; forwardTo?: string; forwardReason?: string } | null;
  draft_at: Date | null;
  /** Who last forwarded the item, and why (their words, optional): shown to the reviewer it went to. */
  forwarded_by: string | null;
  forward_reason: string | null;
  updated_at: Date;
}

/** A decision turned into what the item row becomes. */
export interface ResolvedDecision {
  itemId: string;
  status: ItemStatus;
  comment: string | null;
  details: { endDate?: string; forwardTo?: string } | null;
  /** The new responsible reviewer, when the decision hands the item over. */
  responsible: string | null;
  /** A forward's reason (to a reviewer or to the reassignment queue); null otherwise, or when none was given. */
  forwardReason?: string | null;
}

/** Statuses a reviewer may (re)decide while the campaign is open. */
export const DECIDABLE: ItemStatus[] = ['to_be_reviewed', 'ok', 'revoke', 'update'];
/** Statuses that keep a campaign waiting. */
export const PENDING: ItemStatus[] = ['to_be_reviewed', 'reassign'];
