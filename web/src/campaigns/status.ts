import type { Campaign } from './queries';

export type CampaignStatus = Campaign['status'];
export type ItemStatus = 'to_be_reviewed' | 'reassign' | 'ok' | 'revoke' | 'update' | 'not_reviewed';

export const CAMPAIGN_STATUS_COLOR: Record<CampaignStatus, string> = {
  init: 'gray.8',
  active: 'blue.9',
  paused: 'orange.9',
  finalizing: 'grape.9',
  closed: 'teal.9',
  cancelled: 'dark',
};

/** Item statuses in the order a reader expects them, with the words and colours the console shows. */
export const ITEM_STATUS: { status: ItemStatus; label: string; color: string }[] = [
  { status: 'ok', label: 'Approved', color: 'teal.8' },
  { status: 'revoke', label: 'Revoked', color: 'red.8' },
  { status: 'update', label: 'Updated', color: 'orange.8' },
  { status: 'not_reviewed', label: 'Not reviewed', color: 'gray.7' },
  { status: 'reassign', label: 'To reassign', color: 'violet.8' },
  { status: 'to_be_reviewed', label: 'To be reviewed', color: 'blue.2' },
];

export const decidedOf = (counts: Campaign['counts']): number =>
  counts.total - counts.to_be_reviewed - counts.reassign;
