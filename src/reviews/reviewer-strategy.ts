/**
 * Reviewer rules as SQL fragments over the aliases of the population query (i = identity under review,
 * m = its manager). Only these fixed fragments reach the SQL text; the strategy chosen by the user
 * selects among them.
 */
export const REVIEWER_RULES = {
  linemanager: `CASE WHEN m.status = 'active' AND m.id <> i.id THEN m.key END`,
} as const;

export type ReviewerRule = keyof typeof REVIEWER_RULES | 'default';
export const REVIEWER_RULE_NAMES: [ReviewerRule, ...ReviewerRule[]] = ['linemanager', 'default'];

/**
 * The reviewer key and its origin: the first rule yielding an active identity other than the reviewed one,
 * else the default reviewer ($default), else the campaign owner when the default reviewer is the reviewed
 * identity itself.
 */
export function reviewerSelection(strategy: ReviewerRule[]): { key: string; origin: string } {
  const rules = strategy.filter((r): r is keyof typeof REVIEWER_RULES => r !== 'default');
  const whens = rules.map((r) => `WHEN (${REVIEWER_RULES[r]}) IS NOT NULL`);
  const keyCases = rules.map((r, n) => `${whens[n]} THEN ${REVIEWER_RULES[r]}`).join(' ');
  const originCases = rules.map((r, n) => `${whens[n]} THEN '${r}'`).join(' ');
  return {
    key: `CASE ${keyCases} WHEN d.key IS NOT NULL AND d.key <> i.key THEN d.key ELSE c.owner_key END`,
    origin: `CASE ${originCases} WHEN true THEN 'default' END`,
  };
}
