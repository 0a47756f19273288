import type { ItemStatus } from '../campaigns/campaign.types';

export interface ReviewItemRow {
  id: string;
  campaign_id: string;
  kind: 'right' | 'account';
  assignment_key: string;
  identity_key: string;
  application_key: string;
  permission_key: string;
  account_key: string | null;
  label: string;
  owner_snapshot: Record<string, unknown>;
  accountable_reviewer_key: string;
  responsible_reviewer_key: string;
  reviewer_origin: string;
  recommendation: 'recommended' | 'not_recommended' | 'none';
  status: ItemStatus;
  comment: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  updated_at: Date;
}

export interface ItemDecision {
  itemId: string;
  status: 'ok' | 'revoke';
  comment: string | null;
}
