import { DomainError } from '../../src/common/domain-error';
import {
  boundedExpressionSchema,
  Expression,
  ExpressionCompiler,
  expressionDepth,
  expressionSchema,
  MAX_EXPRESSION_DEPTH,
  ScopeKind,
} from '../../src/domain/scope/scope-expression';

type Prop = Extract<Expression, { prop: unknown }>['prop'];
const prop = (name: string, op: Prop['op'], value?: Prop['value'], values?: Prop['values']): Expression => ({
  prop: { name, op, ...(value === undefined ? {} : { value }), ...(values ? { values } : {}) },
});

function compile(expr: Expression, kind: ScopeKind = 'identity', params: unknown[] = []) {
  const sql = new ExpressionCompiler(kind, params).compile(expr, 'scope');
  return { sql, params };
}

function refusal(expr: Expression, kind: ScopeKind = 'identity'): DomainError {
  try {
    compile(expr, kind);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected the expression to be refused');
}

/** `depth` levels: depth - 1 NOTs around one Prop. */
function nested(depth: number): Expression {
  let e = prop('id', 'EQUALS', 'x');
  for (let n = 1; n < depth; n++) e = { not: e };
  return e;
}

describe('ExpressionCompiler', () => {
  describe('allow-listed fields map to fixed columns', () => {
    it.each([
      ['identity', 'id', 'i.key'],
      ['identity', 'name', 'i.display_name'],
      ['identity', 'displayName', 'i.display_name'],
      ['identity', 'email', 'i.email'],
      ['identity', 'department', 'i.department'],
      ['identity', 'jobTitle', 'i.job_title'],
      ['identity', 'type', 'i.type'],
      ['identity', 'status', 'i.status'],
      ['identity', 'manager.id', 'm.key'],
      ['assignment', 'role.id', 'p.key'],
      ['assignment', 'permission.name', 'p.name'],
      ['assignment', 'permission.kind', 'p.kind'],
      ['assignment', 'role.owner.id', 'po.key'],
      ['assignment', 'application.id', 'ap.key'],
      ['assignment', 'application.name', 'ap.name'],
      ['assignment', 'application.owner.id', 'apo.key'],
      ['assignment', 'account.id', 'ac.key'],
      ['assignment', 'account.login', 'ac.login'],
      ['assignment', 'account.status', 'ac.status'],
      ['assignment', 'assignment.id', 'a.key'],
      ['assignment', 'assignment.origin', 'a.origin'],
      ['assignment', 'assignment.compliance', 'a.compliance'],
      ['assignment', 'identity.department', 'i.department'],
      ['assignment', 'identity.manager.id', 'm.key'],
    ] as const)('%s field %s → %s', (kind, name, column) => {
      expect(compile(prop(name, 'EQUALS', 'v'), kind)).toEqual({
        sql: `(${column} = $1::text)`,
        params: ['v'],
      });
    });

    it('types boolean and timestamp columns in the bind parameter', () => {
      expect(compile(prop('role.critical', 'EQUALS', true), 'assignment')).toEqual({
        sql: '(p.critical = $1::boolean)',
        params: [true],
      });
      expect(compile(prop('permission.critical', 'EQUALS', 'false'), 'assignment')).toEqual({
        sql: '(p.critical = $1::boolean)',
        params: [false],
      });
      expect(compile(prop('account.lastLoginAt', 'LESS_THAN', '2024-01-01T00:00:00Z'), 'assignment')).toEqual(
        {
          sql: '(ac.last_login_at < $1::timestamptz)',
          params: ['2024-01-01T00:00:00Z'],
        },
      );
      expect(compile(prop('assignment.assignedAt', 'GREATER_THAN', '2023-06-30'), 'assignment')).toEqual({
        sql: '(a.assigned_at > $1::timestamptz)',
        params: ['2023-06-30'],
      });
    });

    it('keeps the identity and assignment allow-lists apart', () => {
      expect(refusal(prop('role.critical', 'EQUALS', true), 'identity').errors).toEqual([
        { field: 'scope.prop.name', message: 'unknown field "role.critical"' },
      ]);
      expect(refusal(prop('department', 'EQUALS', 'x'), 'assignment').errors).toEqual([
        { field: 'scope.prop.name', message: 'unknown field "department"' },
      ]);
    });
  });

  describe('operators', () => {
    it('compiles each comparison to its SQL form', () => {
      expect(compile(prop('department', 'NOT_EQUALS', 'IT')).sql).toBe(
        '(i.department IS DISTINCT FROM $1::text)',
      );
      expect(compile(prop('email', 'CONTAINS', 'Example')).sql).toBe(
        '(strpos(lower(i.email), lower($1::text)) > 0)',
      );
      expect(compile(prop('jobTitle', 'GREATER_THAN', 'm')).sql).toBe('(i.job_title > $1::text)');
      expect(compile(prop('jobTitle', 'LESS_THAN', 'm')).sql).toBe('(i.job_title < $1::text)');
    });

    it('STARTS_WITH binds its prefix once and compares it by length, so LIKE wildcards stay literal', () => {
      expect(compile(prop('email', 'STARTS_WITH', '%_\\'))).toEqual({
        sql: '(left(i.email, length($1::text)) = $1::text)',
        params: ['%_\\'],
      });
    });

    it('IN binds one typed array', () => {
      expect(compile(prop('department', 'IN', undefined, ['IT', 'HR', 7]))).toEqual({
        sql: '(i.department = ANY($1::text[]))',
        params: [['IT', 'HR', '7']],
      });
      expect(compile(prop('role.critical', 'IN', undefined, ['true', false]), 'assignment')).toEqual({
        sql: '(p.critical = ANY($1::boolean[]))',
        params: [[true, false]],
      });
      expect(
        compile(prop('account.lastLoginAt', 'IN', undefined, ['2024-01-01', '2024-02-01']), 'assignment'),
      ).toEqual({
        sql: '(ac.last_login_at = ANY($1::timestamptz[]))',
        params: [['2024-01-01', '2024-02-01']],
      });
    });

    it('IN with a single value instead of a list takes it as a one-element list', () => {
      expect(compile(prop('department', 'IN', 'IT'))).toEqual({
        sql: '(i.department = ANY($1::text[]))',
        params: [['IT']],
      });
    });

    it('IS_NULL needs no value and binds nothing; a false value asks for IS NOT NULL', () => {
      expect(compile(prop('manager.id', 'IS_NULL'))).toEqual({ sql: '(m.key IS NULL)', params: [] });
      expect(compile(prop('manager.id', 'IS_NULL', null))).toEqual({ sql: '(m.key IS NULL)', params: [] });
      expect(compile(prop('manager.id', 'IS_NULL', true))).toEqual({ sql: '(m.key IS NULL)', params: [] });
      expect(compile(prop('manager.id', 'IS_NULL', 'false'))).toEqual({
        sql: '(m.key IS NOT NULL)',
        params: [],
      });
      expect(compile(prop('account.id', 'IS_NULL', false), 'assignment').sql).toBe('(ac.key IS NOT NULL)');
    });
  });

  describe('AND, OR and NOT', () => {
    it('combines conditions and numbers parameters in document order', () => {
      const expr: Expression = {
        and: [
          prop('department', 'EQUALS', 'IT'),
          { or: [prop('type', 'EQUALS', 'employee'), { not: prop('status', 'EQUALS', 'disabled') }] },
        ],
      };
      expect(compile(expr)).toEqual({
        sql:
          '((i.department = $1::text) AND ((i.type = $2::text) OR ' +
          '(NOT coalesce((i.status = $3::text), false))))',
        params: ['IT', 'employee', 'disabled'],
      });
    });

    it('NOT treats an unknown (NULL) comparison as false, so NOT selects the rows that do not match', () => {
      expect(compile({ not: prop('department', 'EQUALS', 'IT') }).sql).toBe(
        '(NOT coalesce((i.department = $1::text), false))',
      );
    });

    it('continues the numbering of parameters already bound by the caller', () => {
      const params: unknown[] = [['employee']];
      expect(compile(prop('department', 'EQUALS', 'IT'), 'identity', params)).toEqual({
        sql: '(i.department = $2::text)',
        params: [['employee'], 'IT'],
      });
    });
  });

  describe('values are bind parameters, never SQL text', () => {
    const hostile = [
      "x'; DROP TABLE identity; --",
      '$1',
      '1) OR (1=1',
      '"i"."key"',
      '\\',
      "O'Brien",
      '/* comment */',
    ];

    it.each(hostile)('%j reaches params only', (value) => {
      for (const op of ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'STARTS_WITH', 'GREATER_THAN'] as const) {
        const { sql, params } = compile(prop('department', op, value));
        expect(params).toEqual([value]);
        // The SQL text is the same whatever the value: it cannot depend on it.
        expect(sql).toBe(compile(prop('department', op, 'plain')).sql);
      }
      const { sql, params } = compile(prop('department', 'IN', undefined, [value, 'other']));
      expect(params).toEqual([[value, 'other']]);
      expect(sql).toBe('(i.department = ANY($1::text[]))');
    });

    it('numbers and booleans on text fields are bound as their text', () => {
      expect(compile(prop('department', 'EQUALS', 42)).params).toEqual(['42']);
      expect(compile(prop('department', 'EQUALS', false)).params).toEqual(['false']);
    });
  });

  describe('refusals are 400s naming the offending node', () => {
    it('refuses an unknown field, naming its path', () => {
      const err = refusal({ and: [prop('department', 'EQUALS', 'IT'), prop('salary', 'GREATER_THAN', 1)] });
      expect(err.status).toBe(400);
      expect(err.code).toBe('validation');
      expect(err.message).toBe('scope.and[1].prop.name: unknown field "salary"');
      expect(err.errors).toEqual([{ field: 'scope.and[1].prop.name', message: 'unknown field "salary"' }]);
    });

    it.each([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'i.key',
      "id' OR '1'='1",
      'manager',
      'manager.id.key',
      'ID',
      '',
    ])('an inherited or made-up field name %j is unknown, never a column', (name) => {
      for (const kind of ['identity', 'assignment'] as const) {
        expect(refusal(prop(name, 'EQUALS', 'x'), kind).errors).toEqual([
          { field: 'scope.prop.name', message: `unknown field "${name}"` },
        ]);
      }
    });

    it('refuses a comparison without a value', () => {
      for (const op of [
        'EQUALS',
        'NOT_EQUALS',
        'CONTAINS',
        'STARTS_WITH',
        'GREATER_THAN',
        'LESS_THAN',
      ] as const) {
        expect(refusal(prop('email', op)).errors).toEqual([
          { field: 'scope.prop.value', message: `${op} needs a value` },
        ]);
        expect(refusal(prop('email', op, null)).errors).toEqual([
          { field: 'scope.prop.value', message: `${op} needs a value` },
        ]);
      }
    });

    it('refuses IN without values', () => {
      expect(refusal({ or: [prop('email', 'IN')] }).errors).toEqual([
        { field: 'scope.or[0].prop.values', message: 'IN needs a list of values' },
      ]);
    });

    it('refuses text operators on boolean and timestamp fields', () => {
      expect(refusal(prop('role.critical', 'CONTAINS', 'tr'), 'assignment').errors).toEqual([
        { field: 'scope.prop.op', message: 'CONTAINS applies to text fields only' },
      ]);
      expect(refusal(prop('account.lastLoginAt', 'STARTS_WITH', '2024'), 'assignment').errors).toEqual([
        { field: 'scope.prop.op', message: 'STARTS_WITH applies to text fields only' },
      ]);
    });

    it('refuses values that do not fit the field type', () => {
      expect(refusal(prop('role.critical', 'EQUALS', 'yes'), 'assignment').errors).toEqual([
        { field: 'scope.prop.value', message: 'must be true or false for this field' },
      ]);
      expect(refusal(prop('role.critical', 'EQUALS', 1), 'assignment').errors).toEqual([
        { field: 'scope.prop.value', message: 'must be true or false for this field' },
      ]);
      expect(refusal(prop('account.lastLoginAt', 'GREATER_THAN', 'yesterday'), 'assignment').errors).toEqual([
        { field: 'scope.prop.value', message: 'must be an ISO 8601 date-time for this field' },
      ]);
      expect(refusal(prop('manager.id', 'IS_NULL', 'perhaps')).errors).toEqual([
        { field: 'scope.prop.value', message: 'must be true or false for this field' },
      ]);
      expect(
        refusal(prop('assignment.assignedAt', 'IN', undefined, ['2024-01-01', 'soon']), 'assignment').errors,
      ).toEqual([{ field: 'scope.prop.values[1]', message: 'must be an ISO 8601 date-time for this field' }]);
    });

    it('reports every error, the first in the detail, with paths through AND, OR and NOT', () => {
      const err = refusal({
        and: [
          { not: prop('nope', 'EQUALS', 'x') },
          { or: [prop('email', 'EQUALS', 'ok'), { and: [prop('email', 'IN')] }] },
        ],
      });
      expect(err.message).toBe('scope.and[0].not.prop.name: unknown field "nope"');
      expect(err.errors).toEqual([
        { field: 'scope.and[0].not.prop.name', message: 'unknown field "nope"' },
        { field: 'scope.and[1].or[1].and[0].prop.values', message: 'IN needs a list of values' },
      ]);
    });
  });
});

describe('expressionSchema', () => {
  it('accepts the documented shapes', () => {
    for (const e of [
      prop('id', 'EQUALS', 'x'),
      prop('id', 'IN', undefined, ['a', 1, true]),
      prop('manager.id', 'IS_NULL', null),
      { and: [prop('id', 'EQUALS', 'x'), { or: [{ not: prop('id', 'EQUALS', 'y') }] }] },
    ]) {
      expect(expressionSchema.parse(e)).toEqual(e);
    }
  });

  it.each([
    ['an unknown operator', { prop: { name: 'id', op: 'LIKE', value: 'x' } }],
    ['a lower-case operator', { prop: { name: 'id', op: 'equals', value: 'x' } }],
    ['an extra key', { prop: { name: 'id', op: 'EQUALS', value: 'x', sql: '1=1' } }],
    ['two combinators in one node', { and: [{ prop: { name: 'id', op: 'IS_NULL' } }], or: [] }],
    ['an empty AND', { and: [] }],
    ['an object value', { prop: { name: 'id', op: 'EQUALS', value: { toString: 'x' } } }],
    ['an empty IN list', { prop: { name: 'id', op: 'IN', values: [] } }],
    ['an empty field name', { prop: { name: '', op: 'EQUALS', value: 'x' } }],
    ['a string', 'id = 1'],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(expressionSchema.safeParse(value).success).toBe(false);
  });

  it('names the path of an unknown operator', () => {
    const res = boundedExpressionSchema.safeParse({
      and: [{ prop: { name: 'id', op: 'EQUALS', value: 'x' } }, { prop: { name: 'id', op: 'LIKE' } }],
    });
    expect(res.success).toBe(false);
    const paths = JSON.stringify(res.error?.issues);
    expect(paths).toContain('"and"');
    expect(paths).toContain('"op"');
  });
});

describe('expressionDepth', () => {
  it('counts nesting of AND, OR and NOT, a Prop being one level', () => {
    expect(expressionDepth(prop('id', 'EQUALS', 'x'))).toBe(1);
    expect(expressionDepth({ not: prop('id', 'EQUALS', 'x') })).toBe(2);
    expect(
      expressionDepth({
        and: [
          prop('id', 'EQUALS', 'x'),
          { or: [prop('id', 'EQUALS', 'y'), { not: prop('id', 'EQUALS', 'z') }] },
        ],
      }),
    ).toBe(4);
    expect(expressionDepth(nested(32))).toBe(32);
  });

  it('is 0 for what is not an object', () => {
    for (const v of [undefined, null, 'and', 42, true]) expect(expressionDepth(v)).toBe(0);
  });

  it('stops counting just past the cap, without recursion, however deep or cyclic the input', () => {
    let deep: unknown = {};
    for (let n = 0; n < 200_000; n++) deep = { and: [deep] };
    expect(expressionDepth(deep)).toBe(MAX_EXPRESSION_DEPTH + 1);

    const cyclic: { or: unknown[] } = { or: [] };
    cyclic.or.push(cyclic);
    expect(expressionDepth(cyclic)).toBe(MAX_EXPRESSION_DEPTH + 1);
  });
});

describe('boundedExpressionSchema', () => {
  it('accepts 32 levels', () => {
    expect(MAX_EXPRESSION_DEPTH).toBe(32);
    expect(boundedExpressionSchema.safeParse(nested(32)).success).toBe(true);
  });

  it('refuses 33 levels with a message naming the cap', () => {
    const res = boundedExpressionSchema.safeParse(nested(33));
    expect(res.success).toBe(false);
    expect(res.error?.issues[0].message).toBe('nests AND, OR and NOT deeper than 32 levels');
  });

  it('refuses hostile nesting without overflowing the stack', () => {
    let deep: unknown = prop('id', 'EQUALS', 'x');
    for (let n = 0; n < 100_000; n++) deep = { not: deep };
    const res = boundedExpressionSchema.safeParse(deep);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0].message).toBe('nests AND, OR and NOT deeper than 32 levels');
  });

  it('still validates the shape under the cap', () => {
    expect(boundedExpressionSchema.safeParse({ not: { prop: { name: 'id', op: 'NOPE' } } }).success).toBe(
      false,
    );
    expect(boundedExpressionSchema.parse({ not: prop('id', 'EQUALS', 'x') })).toEqual({
      not: prop('id', 'EQUALS', 'x'),
    });
  });
});
