import { DomainError } from '../../src/common/domain-error';
import { PRESENT_IN_LEDGER, scopeCondition } from '../../src/domain/scope/scope.sql';
import type { PolicyScope } from '../../src/domain/scope/scope.schema';

const scope = (s: Omit<PolicyScope, 'policyId'>): PolicyScope => ({ policyId: 'p1', ...s });

const BASE = `a.status = 'ASSIGNED' AND ${PRESENT_IN_LEDGER} AND NOT a.frozen AND NOT a.strict`;

describe('scopeCondition', () => {
  it('selects assigned, modifiable assignments when the scope is empty', () => {
    const params: unknown[] = [];
    expect(
      scopeCondition(scope({ identityScope: { objectTypes: [] }, roleAssignmentScope: {} }), params),
    ).toBe(BASE);
    expect(params).toEqual([]);
  });

  it('binds object types, both expressions and the certification cutoff in order', () => {
    const params: unknown[] = [];
    const sql = scopeCondition(
      scope({
        identityScope: {
          objectTypes: ['employee', 'contractor'],
          expression: { prop: { name: 'id', op: 'NOT_EQUALS', value: 'CEO' } },
        },
        roleAssignmentScope: { expression: { prop: { name: 'role.critical', op: 'EQUALS', value: 'true' } } },
        certifiedBefore: '2024-01-01T00:00:00.000Z',
      }),
      params,
    );
    expect(params).toEqual([['employee', 'contractor'], 'CEO', true, '2024-01-01T00:00:00.000Z']);
    expect(sql.startsWith(BASE)).toBe(true);
    expect(sql).toContain('i.type = ANY($1::text[])');
    expect(sql).toContain('coalesce((i.key IS DISTINCT FROM $2::text), false)');
    expect(sql).toContain('coalesce((p.critical = $3::boolean), false)');
    expect(sql).toContain('(a.last_certified_at IS NULL OR a.last_certified_at < $4::timestamptz)');
    expect(sql).toContain('NOT EXISTS (');
    expect(sql).not.toContain('CEO');
  });

  it('names errors after the scope and the prefix given for the second of two scopes', () => {
    const bad = scope({
      identityScope: {
        objectTypes: [],
        expression: { prop: { name: 'role.critical', op: 'EQUALS', value: true } },
      },
      roleAssignmentScope: {},
    });
    expect(() => scopeCondition(bad, [], 'other.')).toThrow(DomainError);
    try {
      scopeCondition(bad, [], 'other.');
    } catch (err) {
      expect((err as DomainError).status).toBe(400);
      expect((err as DomainError).errors).toEqual([
        { field: 'other.identityScope.expression.prop.name', message: 'unknown field "role.critical"' },
      ]);
    }
  });
});
