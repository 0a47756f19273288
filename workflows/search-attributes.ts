import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Names carry the Recert prefix so they never collide with Temporal's own (e.g. `Status`).
export const CampaignIdKey = defineSearchAttributeKey('RecertCampaignId', SearchAttributeType.KEYWORD);
export const CampaignNumberKey = defineSearchAttributeKey(
  'RecertCampaignNumber',
  SearchAttributeType.KEYWORD,
);
export const CampaignStateKey = defineSearchAttributeKey('RecertCampaignState', SearchAttributeType.KEYWORD);
export const ReviewerIdKey = defineSearchAttributeKey('RecertReviewerId', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [CampaignIdKey, CampaignNumberKey, CampaignStateKey, ReviewerIdKey];
