import { REVIEWER_RULE_NAMES, ReviewerRule } from '../../src/domain/reviewer-rules';
import { reviewerSelection } from '../../src/campaigns/reviewer-selection.sql';

describe('reviewerSelection', () => {
  it('line manager first, then the default reviewer, then the campaign owner', () => {
    expect(reviewerSelection(['linemanager'])).toEqual({
      key:
        "CASE WHEN m.status = 'active' AND m.id IS DISTINCT FROM i.id THEN m.key " +
        'WHEN d.key IS NOT NULL AND d.id IS DISTINCT FROM i.id THEN d.key ELSE c.owner_key END',
      origin:
        "CASE WHEN m.status = 'active' AND m.id IS DISTINCT FROM i.id THEN 'linemanager' WHEN true THEN 'default' END",
    });
  });

  it('tries the rules in the order of the strategy', () => {
    const { key, origin } = reviewerSelection(['applicationowner', 'permissionowner', 'linemanager']);
    expect(key).toBe(
      "CASE WHEN apo.status = 'active' AND apo.id IS DISTINCT FROM i.id THEN apo.key " +
        "WHEN po.status = 'active' AND po.id IS DISTINCT FROM i.id THEN po.key " +
        "WHEN m.status = 'active' AND m.id IS DISTINCT FROM i.id THEN m.key " +
        'WHEN d.key IS NOT NULL AND d.id IS DISTINCT FROM i.id THEN d.key ELSE c.owner_key END',
    );
    expect(origin).toBe(
      "CASE WHEN apo.status = 'active' AND apo.id IS DISTINCT FROM i.id THEN 'applicationowner' " +
        "WHEN po.status = 'active' AND po.id IS DISTINCT FROM i.id THEN 'permissionowner' " +
        "WHEN m.status = 'active' AND m.id IS DISTINCT FROM i.id THEN 'linemanager' WHEN true THEN 'default' END",
    );
  });

  it.each([
    ['linemanager', 'm', ''],
    ['applicationowner', 'apo', ''],
    ['repositoryowner', 'apo', ''],
    ['permissionowner', 'po', ''],
    ['groupowner', 'po', " AND p.kind = 'group'"],
    ['accountowner', 'aco', ''],
  ] as const)('%s picks alias %s', (rule, alias, when) => {
    const test = `${alias}.status = 'active' AND ${alias}.id IS DISTINCT FROM i.id${when}`;
    const { key, origin } = reviewerSelection([rule]);
    expect(key).toBe(
      `CASE WHEN ${test} THEN ${alias}.key WHEN d.key IS NOT NULL AND d.id IS DISTINCT FROM i.id THEN d.key ELSE c.owner_key END`,
    );
    expect(origin).toBe(`CASE WHEN ${test} THEN '${rule}' WHEN true THEN 'default' END`);
  });

  it('never picks the reviewed identity itself unless `myself` is in the strategy', () => {
    const without = reviewerSelection(['linemanager', 'accountowner']);
    expect(without.key).toContain('m.id IS DISTINCT FROM i.id');
    expect(without.key).toContain('aco.id IS DISTINCT FROM i.id');
    expect(without.key).toContain('d.id IS DISTINCT FROM i.id');

    const withSelf = reviewerSelection(['linemanager', 'myself']);
    expect(withSelf.key).toBe(
      "CASE WHEN m.status = 'active' AND true THEN m.key WHEN i.status = 'active' AND true THEN i.key " +
        'WHEN d.key IS NOT NULL AND true THEN d.key ELSE c.owner_key END',
    );
    expect(withSelf.key).not.toContain('IS DISTINCT FROM');
    expect(withSelf.origin).toContain("THEN 'myself'");
  });

  it('lets the account owner review their own account where asked (account campaigns), no other rule', () => {
    const { key } = reviewerSelection(['accountowner', 'linemanager'], ['accountowner']);
    expect(key).toBe(
      "CASE WHEN aco.status = 'active' AND true THEN aco.key " +
        "WHEN m.status = 'active' AND m.id IS DISTINCT FROM i.id THEN m.key " +
        'WHEN d.key IS NOT NULL AND d.id IS DISTINCT FROM i.id THEN d.key ELSE c.owner_key END',
    );
  });

  it('`default` is not a rule of its own: the default reviewer always comes after the rules', () => {
    expect(reviewerSelection(['default', 'linemanager'])).toEqual(reviewerSelection(['linemanager']));
    const onlyDefault = reviewerSelection(['default']);
    expect(onlyDefault.key).toBe(
      'CASE  WHEN d.key IS NOT NULL AND d.id IS DISTINCT FROM i.id THEN d.key ELSE c.owner_key END',
    );
    expect(onlyDefault.origin).toBe("CASE  WHEN true THEN 'default' END");
  });

  it('every strategy yields SQL over the known aliases only', () => {
    const all = [...REVIEWER_RULE_NAMES] as ReviewerRule[];
    for (const strategy of [all, [...all].reverse(), ...all.map((r) => [r])]) {
      const { key, origin } = reviewerSelection(strategy);
      for (const sql of [key, origin]) {
        const aliases = new Set(
          [...sql.matchAll(/\b([a-z]+)\.(?:id|key|status|kind|owner_key)\b/g)].map((m) => m[1]),
        );
        for (const a of aliases) expect(['i', 'm', 'apo', 'po', 'aco', 'p', 'd', 'c']).toContain(a);
      }
      expect(origin.match(/THEN '([a-z]+)'/g)?.length).toBe(
        strategy.filter((r) => r !== 'default').length + 1,
      );
    }
  });

  it('a name outside the fixed rules is refused rather than written into SQL', () => {
    const hostile = "linemanager' OR 1=1 --" as ReviewerRule;
    expect(() => reviewerSelection([hostile])).toThrow(TypeError);
  });
});
