import type { CampaignType } from './campaign.types';

/** Seed 003's closed status: -1 ready to launch, 0 active, 1 closed and done, 2 closed and cancelled. */
export type ClosedStatus = -1 | 0 | 1 | 2;

export const REMEDIATION_TYPES = ['embedded', 'itsm', 'provisioning'] as const;
export type RemediationType = (typeof REMEDIATION_TYPES)[number];

export const ORDER_STATUSES = ['pending', 'executed', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const VERIFICATIONS = ['pending', 'verified', 'still_present', 'not_applicable'] as const;

export interface RemediationRow {
  id: string;
  campaign_id: string;
  item_id: string;
  action: 'revoke' | 'update';
  details: { endDate?: string } | null;
  /** `account`: the account itself is to be disabled or deleted (or updated), not one right. */
  kind: CampaignType;
  /** The assignment's key; for an account, the account's. */
  assignment_key: string;
  /** Null for an orphan account. */
  identity_key: string | null;
  application_key: string;
  /** Null for an account. */
  permission_key: string | null;
  account_key: string | null;
  label: string;
  type: RemediationType;
  itsm_instance: string | null;
  assignee_key: string | null;
  status: string;
  closed_status: ClosedStatus;
  attempt: number;
  order_status: OrderStatus | null;
  external_number: string | null;
  external_id: string | null;
  external_url: string | null;
  comment: string | null;
  closed_by: string | null;
  created_at: Date;
  launched_at: Date | null;
  last_polled_at: Date | null;
  poll_count: number;
  closed_at: Date | null;
  verification: (typeof VERIFICATIONS)[number];
  verified_at: Date | null;
  verified_by_import: string | null;
  reopened_count: number;
  flagged: boolean;
  updated_at: Date;
}

/** Where a campaign's remediations go when its applications do not say. */
export interface RemediationDefaults {
  connector: RemediationType;
  itsmInstance: string | null;
}

export function correlationId(r: Pick<RemediationRow, 'id' | 'attempt'>): string {
  return `recert-remediation-${r.id}-${r.attempt}`;
}
