import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../../src/common/domain-error';
import { findUnstorable } from '../../src/common/storable-text';
import { policyFromXml, policyToXml } from '../../src/policies/policy-xml';
import { PolicyInput, policySchema } from '../../src/policies/policy.schema';
import { ExpressionCompiler, type Expression } from '../../src/domain/scope/scope-expression';

const SEED_XML = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'policy-seed-002.xml'), 'utf8');

function refusal(xml: string): DomainError {
  try {
    policyFromXml(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).status).toBe(400);
    return err as DomainError;
  }
  throw new Error('expected the XML to be refused');
}

/** What an import stores: the XML read, then validated like a JSON body. */
const imported = (xml: string): PolicyInput => policySchema.parse(policyFromXml(xml));

const policyWithSearch = (search: string) =>
  `<RecertificationPolicy id="p1"><name>Deep one</name><active>true</active>` +
  `<identityScope><searchExpression>${search}</searchExpression></identityScope>` +
  `<roleAssignmentScope/><workflowStrategy/></RecertificationPolicy>`;

const PROP = '<Prop op="EQUALS" name="department"><value>IT</value></Prop>';
const nestedAnds = (n: number) => policyWithSearch('<And>'.repeat(n) + PROP + '</And>'.repeat(n));

const rich: PolicyInput = policySchema.parse({
  id: 'rich-policy_1',
  name: 'Critical <access> & "admins" of O\'Brien',
  description: 'Line one\nline two with <tags> & entities &amp; and ]]> too',
  active: false,
  identityScope: {
    objectTypes: ['employee', 'contractor'],
    expression: {
      and: [
        { prop: { name: 'department', op: 'IN', values: ['R&D', 'Sales <EU>', "O'Neil"] } },
        {
          or: [
            { prop: { name: 'email', op: 'CONTAINS', value: '@example.com' } },
            { not: { prop: { name: 'manager.id', op: 'IS_NULL' } } },
          ],
        },
        { not: { and: [{ prop: { name: 'jobTitle', op: 'STARTS_WITH', value: 'Intern' } }] } },
      ],
    },
  },
  roleAssignmentScope: {
    expression: {
      or: [
        { prop: { name: 'role.critical', op: 'EQUALS', value: 'true' } },
        { prop: { name: 'account.lastLoginAt', op: 'LESS_THAN', value: '2024-01-01T00:00:00Z' } },
      ],
    },
  },
  recertificationPeriod: 'P1Y',
  campaignExecutionPlan: { scheduleType: 'CRON', cron: '0 6 1 */3 *' },
  workflowStrategy: {
    type: 'NoneRoleWorkflowStrategyType',
    reviewers: { strategy: ['applicationowner', 'linemanager', 'myself'], defaultReviewerKey: 'auditor&co' },
    dueIn: 'P14D',
    onDueDate: 'revoke',
    options: { commentRequired: 'revoke', notifications: { reminders: null, closingSoon: 'PT12H' } },
    readOnlyDimensionTags: ['r<1>', 'r&2'],
    readWriteDimensionTags: [],
  },
});

describe('policyFromXml', () => {
  it('imports seed 002’s example as it is', () => {
    expect(imported(SEED_XML)).toEqual({
      id: 'fa037d3a-8cc7-4ceb-aaf1-2d883f9e4c3e',
      name: 'My Recertification Policy',
      description: 'Recertification Policy',
      active: true,
      identityScope: {
        expression: { prop: { name: 'id', op: 'NOT_EQUALS', value: 'CEO' } },
        objectTypes: ['employee'],
      },
      roleAssignmentScope: { expression: { prop: { name: 'role.critical', op: 'EQUALS', value: 'true' } } },
      recertificationPeriod: 'P6M',
      campaignExecutionPlan: { scheduleType: 'INTERVAL', interval: 1, intervalUnit: 'YEARS' },
      workflowStrategy: expect.objectContaining({
        type: 'NoneRoleWorkflowStrategyType',
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: null },
        dueIn: 'P30D',
        onDueDate: 'not_reviewed',
        readOnlyDimensionTags: ['readTag'],
        readWriteDimensionTags: ['readWriteTag'],
      }),
    });
  });

  it('reads the seed’s scope expressions into ones the compiler accepts', () => {
    const policy = imported(SEED_XML);
    const params: unknown[] = [];
    expect(
      new ExpressionCompiler('identity', params).compile(policy.identityScope.expression!, 'identityScope'),
    ).toBe('(i.key IS DISTINCT FROM $1::text)');
    expect(
      new ExpressionCompiler('assignment', params).compile(
        policy.roleAssignmentScope.expression!,
        'roleAssignmentScope',
      ),
    ).toBe('(p.critical = $2::boolean)');
    expect(params).toEqual(['CEO', true]);
  });

  it('ignores namespace prefixes and combines several top-level expressions with AND', () => {
    const raw = policyFromXml(
      `<x:RecertificationPolicy xmlns:x="urn:x" xmlns:s="urn:s" id="p1"><x:name>Name</x:name>` +
        `<x:identityScope><x:searchExpression>` +
        `<s:Prop op="EQUALS" name="department"><s:value>IT</s:value></s:Prop>` +
        `<s:Or><s:Prop op="IS_NULL" name="manager.id"/><s:Prop op="IN" name="type"><s:value>a</s:value><s:value>b</s:value></s:Prop></s:Or>` +
        `<s:Not><s:Prop name="status"><s:value>disabled</s:value></s:Prop></s:Not>` +
        `</x:searchExpression></x:identityScope></x:RecertificationPolicy>`,
    );
    expect(raw).toMatchObject({
      id: 'p1',
      name: 'Name',
      identityScope: {
        expression: {
          and: [
            { prop: { name: 'department', op: 'EQUALS', value: 'IT' } },
            {
              or: [
                { prop: { name: 'manager.id', op: 'IS_NULL' } },
                { prop: { name: 'type', op: 'IN', values: ['a', 'b'] } },
              ],
            },
            // op defaults to EQUALS
            { not: { prop: { name: 'status', op: 'EQUALS', value: 'disabled' } } },
          ],
        },
      },
    });
  });

  it('passes what is not true or false in <active> on for validation to refuse', () => {
    const raw = policyFromXml('<RecertificationPolicy id="p1"><active>yes</active></RecertificationPolicy>');
    expect(raw.active).toBe('yes');
    expect(policySchema.safeParse(raw).success).toBe(false);
  });

  it.each([
    ['unclosed elements', '<RecertificationPolicy><name>x</RecertificationPolicy>'],
    ['an empty body', ''],
    ['plain text', 'not xml at all'],
    ['JSON', '{"id":"p1"}'],
    ['an unquoted attribute', '<RecertificationPolicy id=p1></RecertificationPolicy>'],
    ['a truncated document', SEED_XML.slice(0, SEED_XML.length / 2)],
  ])('refuses malformed XML: %s', (_what, xml) => {
    const err = refusal(xml);
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/^body: not well-formed XML \(/);
    expect(err.errors).toEqual([{ field: 'body', message: 'not well-formed XML' }]);
  });

  it('yields nothing an import would accept from two root elements', () => {
    const raw = policyFromXml(
      '<RecertificationPolicy id="a"><name>One policy</name><active>true</active></RecertificationPolicy>' +
        '<RecertificationPolicy id="b"/>',
    );
    expect(raw.id).toBeUndefined();
    expect(policySchema.safeParse(raw).success).toBe(false);
  });

  it('refuses another root element', () => {
    expect(refusal('<Policy id="p1"><name>x</name></Policy>').errors).toEqual([
      { field: 'body', message: 'the root element must be RecertificationPolicy' },
    ]);
  });

  it('accepts And nested 31 deep (an expression 32 levels deep) and validates it', () => {
    const policy = imported(nestedAnds(31));
    let e: Expression | undefined = policy.identityScope.expression;
    let depth = 0;
    while (e && 'and' in e) {
      depth++;
      e = e.and[0];
    }
    expect(depth).toBe(31);
    expect(e).toEqual({ prop: { name: 'department', op: 'EQUALS', value: 'IT' } });
  });

  it('refuses nesting deeper than 32 levels, naming where', () => {
    const err = refusal(nestedAnds(32));
    expect(err.errors).toEqual([
      {
        field: 'identityScope.searchExpression' + '.And'.repeat(32),
        message: 'And, Or and Not nest deeper than 32 levels',
      },
    ]);
    const mixed = refusal(policyWithSearch('<Or><Not>'.repeat(20) + PROP + '</Not></Or>'.repeat(20)))
      .errors![0];
    expect(mixed.field).toMatch(/^identityScope\.searchExpression(\.Or\.Not)+(\.Or)?$/);
  });

  it('refuses hostile nesting without overflowing the stack', () => {
    const n = 50_000;
    const err = refusal(policyWithSearch('<Not>'.repeat(n) + PROP + '</Not>'.repeat(n)));
    expect(err.status).toBe(400);
  });

  it('refuses a Not that does not hold exactly one expression', () => {
    expect(refusal(policyWithSearch(`<Not>${PROP}${PROP}</Not>`)).errors).toEqual([
      { field: 'identityScope.searchExpression.Not', message: 'must hold exactly one expression' },
    ]);
    expect(refusal(policyWithSearch(`<And><Not></Not></And>`)).errors).toEqual([
      { field: 'identityScope.searchExpression.And.Not', message: 'must hold exactly one expression' },
    ]);
  });

  it('refuses campaign options that are not JSON', () => {
    const err = refusal(
      '<RecertificationPolicy id="p1"><workflowStrategy><campaignOptions>{nope</campaignOptions></workflowStrategy></RecertificationPolicy>',
    );
    expect(err.errors).toEqual([
      { field: 'workflowStrategy.campaignOptions', message: 'must hold a JSON object' },
    ]);
  });

  it('does not expand DOCTYPE entities (no entity-expansion bomb)', () => {
    const lol = (n: number) => `&lol${n};`.repeat(10);
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">' +
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `<!ENTITY lol${n} "${lol(n - 1)}">`).join('') +
      ']><RecertificationPolicy id="p1"><name>&lol8;</name></RecertificationPolicy>';
    let name: unknown;
    try {
      name = policyFromXml(bomb).name;
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      return;
    }
    expect(String(name).length).toBeLessThan(1000);
  });

  it('reads the predefined entities', () => {
    const raw = policyFromXml(
      '<RecertificationPolicy id="p1"><name>R&amp;D &lt;EU&gt; &quot;x&quot; &apos;y&apos;</name></RecertificationPolicy>',
    );
    expect(raw.name).toBe('R&D <EU> "x" \'y\'');
  });

  it('never yields text PostgreSQL cannot store from character references', () => {
    for (const ref of ['&#0;', '&#x0;', '&#xD800;', '&#56320;']) {
      const raw = policyFromXml(
        `<RecertificationPolicy id="p1"><name>Bad${ref}name</name><description>${ref}</description></RecertificationPolicy>`,
      );
      // Whatever the parser makes of them, an import checks the result with findUnstorable: either they
      // are dropped, or they are named.
      const problem = findUnstorable(raw);
      if (problem) expect(['name', 'description']).toContain(problem.field);
      else expect(raw.name).toBe('Badname');
    }
  });
});

describe('policyToXml', () => {
  it('exports seed 002’s example to XML that imports to the same policy', () => {
    const policy = imported(SEED_XML);
    const xml = policyToXml(policy);
    expect(xml).toContain('<search:Prop op="NOT_EQUALS" name="id">');
    expect(xml).toContain('<ctdbum:RecertificationPolicy id="fa037d3a-8cc7-4ceb-aaf1-2d883f9e4c3e"');
    expect(imported(xml)).toEqual(policy);
  });

  it('round-trips AND, OR, NOT, IN, IS_NULL, reviewers, options and a CRON plan, escaping markup', () => {
    const xml = policyToXml(rich);
    expect(xml).toContain('<name>Critical &lt;access&gt; &amp; &quot;admins&quot; of O&apos;Brien</name>');
    expect(xml).toContain('<value script="false">Sales &lt;EU&gt;</value>');
    expect(xml).toContain('<defaultReviewer>auditor&amp;co</defaultReviewer>');
    expect(xml).toContain('<cron>0 6 1 */3 *</cron>');
    expect(imported(xml)).toEqual(rich);
  });

  it('round-trips an INTERVAL plan and a policy without expressions, period or plan', () => {
    const interval = {
      ...rich,
      campaignExecutionPlan: { scheduleType: 'INTERVAL', interval: 3, intervalUnit: 'MONTHS' },
    };
    expect(imported(policyToXml(policySchema.parse(interval)))).toEqual(policySchema.parse(interval));

    const bare = policySchema.parse({
      id: 'bare',
      name: 'Bare policy',
      active: true,
      identityScope: {},
      roleAssignmentScope: {},
      workflowStrategy: {},
    });
    const xml = policyToXml(bare);
    expect(xml).not.toContain('searchExpression');
    expect(xml).not.toContain('campaignExecutionPlan');
    expect(xml).not.toContain('recertificationPeriod');
    expect(imported(xml)).toEqual(bare);
  });

  it('keeps the meaning of typed values: the compiled scope is the same after a round trip', () => {
    const typed = policySchema.parse({
      ...rich,
      roleAssignmentScope: {
        expression: {
          and: [
            { prop: { name: 'role.critical', op: 'EQUALS', value: true } },
            { prop: { name: 'account.login', op: 'IN', values: [7, false, 'x'] } },
          ],
        },
      },
    });
    const compiled = (p: PolicyInput) => {
      const params: unknown[] = [];
      const sql = new ExpressionCompiler('assignment', params).compile(
        p.roleAssignmentScope.expression!,
        'r',
      );
      return { sql, params };
    };
    expect(compiled(imported(policyToXml(typed)))).toEqual(compiled(typed));
  });

  it('writes a document the parser reads back even with hostile text everywhere', () => {
    const hostile = '</name><active>true</active><!-- &amp; --><![CDATA[x]]>"\'';
    const policy = policySchema.parse({
      ...rich,
      name: `Name ${hostile}`,
      description: hostile,
      identityScope: {
        objectTypes: ['</objectType>&amp;<x/>'],
        expression: { prop: { name: hostile, op: 'EQUALS', value: hostile } },
      },
    });
    const back = imported(policyToXml(policy));
    expect(back.name).toBe(`Name ${hostile}`);
    expect(back.description).toBe(hostile);
    expect(back.identityScope).toEqual(policy.identityScope);
  });
});

describe('policyFromXml character references', () => {
  it('decodes numeric references as text', () => {
    const doc = policyFromXml(
      '<RecertificationPolicy id="p"><name>Caf&#233; &#x263A;</name></RecertificationPolicy>',
    );
    expect(doc.name).toBe('Café ☺');
  });
});
