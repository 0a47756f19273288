import { ExpressionCompiler, expressionSchema, scopeFields } from '../../src/domain/scope/scope-expression';
import {
  type Condition,
  expressionDraftOf,
  expressionOf,
  ExpressionTextError,
  operatorsFor,
} from '../../web/src/policies/edit/expression-draft';

const assignmentFields = scopeFields('assignment');
const builder = (join: 'and' | 'or', ...conditions: Condition[]) =>
  ({ mode: 'builder', join, conditions }) as const;

/** The policy editor's condition builder (web) against the server's own schema and compiler. */
describe('policy expression editor state', () => {
  it('builds expressions the server accepts and compiles, typed by the field', () => {
    const draft = builder(
      'or',
      { field: 'role.critical', op: 'EQUALS', value: 'true' },
      { field: 'application.id', op: 'IN', value: ' crm, erp ,' },
      { field: 'account.lastLoginAt', op: 'IS_NOT_NULL', value: '' },
      { field: 'identity.department', op: 'IS_NULL', value: '' },
      { field: '', op: 'EQUALS', value: 'a row just added' },
    );
    const expression = expressionOf(draft, assignmentFields);
    expect(expression).toEqual({
      or: [
        { prop: { name: 'role.critical', op: 'EQUALS', value: true } },
        { prop: { name: 'application.id', op: 'IN', values: ['crm', 'erp'] } },
        { prop: { name: 'account.lastLoginAt', op: 'IS_NULL', value: false } },
        { prop: { name: 'identity.department', op: 'IS_NULL' } },
      ],
    });
    const parsed = expressionSchema.parse(expression);
    const params: unknown[] = [];
    const sql = new ExpressionCompiler('assignment', params).compile(parsed, 'scope');
    expect(sql).toContain('(ac.last_login_at IS NOT NULL)');
    expect(sql).toContain('(i.department IS NULL)');
    expect(params).toEqual([true, ['crm', 'erp']]);
  });

  it('reads a flat stored expression back into the same conditions, and anything nested as JSON', () => {
    const flat = builder(
      'and',
      { field: 'role.critical', op: 'NOT_EQUALS', value: 'false' },
      { field: 'account.lastLoginAt', op: 'IS_NOT_NULL', value: '' },
      { field: 'application.id', op: 'IN', value: 'crm, erp' },
    );
    expect(expressionDraftOf(expressionOf(flat, assignmentFields))).toEqual(flat);
    expect(expressionDraftOf({ prop: { name: 'id', op: 'EQUALS', value: 'CEO' } })).toEqual(
      builder('and', { field: 'id', op: 'EQUALS', value: 'CEO' }),
    );
    const nested = {
      and: [
        { prop: { name: 'id', op: 'EQUALS' as const, value: 'x' } },
        { not: { prop: { name: 'id', op: 'IS_NULL' as const } } },
      ],
    };
    expect(expressionDraftOf(nested)).toEqual({ mode: 'json', text: JSON.stringify(nested, null, 2) });
    expect(expressionDraftOf({ not: nested })).toMatchObject({ mode: 'json' });
    expect(expressionDraftOf(undefined)).toEqual(builder('and'));
  });

  it('selects everything with no condition or empty JSON, and refuses JSON that does not parse', () => {
    expect(expressionOf(builder('and'), assignmentFields)).toBeUndefined();
    expect(expressionOf({ mode: 'json', text: '  ' }, assignmentFields)).toBeUndefined();
    expect(() => expressionOf({ mode: 'json', text: '{"and": [' }, assignmentFields)).toThrow(
      ExpressionTextError,
    );
  });

  it('offers only the operators the compiler applies to the field type', () => {
    for (const field of assignmentFields) {
      for (const op of operatorsFor(field.type)) {
        const value =
          field.type === 'boolean' ? 'true' : field.type === 'timestamptz' ? '2026-01-01T00:00:00Z' : 'x';
        const expression = expressionOf(builder('and', { field: field.name, op, value }), assignmentFields)!;
        expect(() =>
          new ExpressionCompiler('assignment', []).compile(expressionSchema.parse(expression), 's'),
        ).not.toThrow();
      }
    }
  });
});
