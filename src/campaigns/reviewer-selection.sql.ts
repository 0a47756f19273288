import type { ReviewerRule } from '../domain/reviewer-rules';

/**
 * Reviewer rules as SQL over the aliases of the population query: i = identity under review, m = its
 * manager, apo = application owner, po = permission owner, aco = account owner, p = permission,
 * d = default reviewer. Only these fixed fragments reach the SQL text; the campaign's strategy picks among
 * them.
 */
const CANDIDATE: Record<Exclude<ReviewerRule, 'default'>, { alias: string; when?: string }> = {
  linemanager: { alias: 'm' },
  applicationowner: { alias: 'apo' },
  // Recert's ledger has one owner per application, which is the repository the seed documents talk about.
  repositoryowner: { alias: 'apo' },
  permissionowner: { alias: 'po' },
  groupowner: { alias: 'po', when: `p.kind = 'group'` },
  accountowner: { alias: 'aco' },
  myself: { alias: 'i' },
};

/**
 * The reviewer key and its origin: the first rule yielding an active identity — never the reviewed
 * identity itself unless `myself` is in the strategy, or the rule is one of `selfRules` (in an account
 * campaign the account owner is the reviewed identity) — else the default reviewer, else the campaign
 * owner. `i` is null for an orphan account: every other rule may still apply.
 */
export function reviewerSelection(
  strategy: readonly ReviewerRule[],
  selfRules: readonly ReviewerRule[] = [],
): { key: string; origin: string } {
  const selfAllowed = strategy.includes('myself');
  const notSelf = (alias: string, rule?: ReviewerRule) =>
    selfAllowed || (rule && selfRules.includes(rule)) ? 'true' : `${alias}.id IS DISTINCT FROM i.id`;
  const rules = strategy.filter((r): r is Exclude<ReviewerRule, 'default'> => r !== 'default');
  const conditions = rules.map((r) => {
    const { alias, when } = CANDIDATE[r];
    return {
      rule: r,
      alias,
      test: `${alias}.status = 'active' AND ${notSelf(alias, r)}${when ? ` AND ${when}` : ''}`,
    };
  });
  const defaultTest = `d.key IS NOT NULL AND ${notSelf('d')}`;
  const keyCases = conditions.map((c) => `WHEN ${c.test} THEN ${c.alias}.key`).join(' ');
  const originCases = conditions.map((c) => `WHEN ${c.test} THEN '${c.rule}'`).join(' ');
  return {
    key: `CASE ${keyCases} WHEN ${defaultTest} THEN d.key ELSE c.owner_key END`,
    origin: `CASE ${originCases} WHEN true THEN 'default' END`,
  };
}
