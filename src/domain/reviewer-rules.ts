/** Seed 003's reviewer origins, tried in the order a campaign's strategy lists them. */
export const REVIEWER_RULE_NAMES = [
  'linemanager',
  'applicationowner',
  'permissionowner',
  'accountowner',
  'groupowner',
  'repositoryowner',
  'myself',
  'default',
] as const;
export type ReviewerRule = (typeof REVIEWER_RULE_NAMES)[number];
