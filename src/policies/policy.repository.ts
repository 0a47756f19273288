import type { Sql } from '../database/database';
import type { PolicyInput } from './policy.schema';
import { SCOPE_JOINS, scopeCondition } from '../domain/scope/scope.sql';
import type { PolicyScope } from '../domain/scope/scope.schema';
import type { PolicyRow } from './policy.types';

export interface ScopeSample {
  assignment_key: string;
  identity_key: string;
  permission_key: string;
  application_key: string;
}

const SAMPLE_COLUMNS =
  'a.key AS assignment_key, i.key AS identity_key, p.key AS permission_key, ap.key AS application_key';

export function scopeOf(
  p: Pick<PolicyRow, 'id' | 'identity_scope' | 'role_assignment_scope'>,
  certifiedBefore?: string | null,
): PolicyScope {
  return {
    policyId: p.id,
    identityScope: p.identity_scope,
    roleAssignmentScope: p.role_assignment_scope,
    certifiedBefore: certifiedBefore ?? null,
  };
}

// Activations are checked against every other active policy one at a time, whatever the policy.
const ACTIVATION_LOCK = 727_275;

export class PolicyRepository {
  /** Until the transaction ends, no other activation is checked. */
  async lockActivations(sql: Sql): Promise<void> {
    await sql.rows(`SELECT pg_advisory_xact_lock($1)`, [ACTIVATION_LOCK]);
  }

  async insert(sql: Sql, p: PolicyInput, ownerKey: string): Promise<PolicyRow | undefined> {
    return sql.one<PolicyRow>(
      `INSERT INTO policy (id, name, description, active, identity_scope, role_assignment_scope,
                           recertification_period, campaign_execution_plan, workflow_strategy, owner_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING
       RETURNING *`,
      [p.id, ...this.values(p), ownerKey],
    );
  }

  async update(sql: Sql, p: PolicyInput): Promise<PolicyRow | undefined> {
    return sql.one<PolicyRow>(
      `UPDATE policy SET name = $2, description = $3, active = $4, identity_scope = $5, role_assignment_scope = $6,
                         recertification_period = $7, campaign_execution_plan = $8, workflow_strategy = $9,
                         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [p.id, ...this.values(p)],
    );
  }

  setActive(sql: Sql, id: string, active: boolean): Promise<PolicyRow | undefined> {
    return sql.one<PolicyRow>(`UPDATE policy SET active = $2, updated_at = now() WHERE id = $1 RETURNING *`, [
      id,
      active,
    ]);
  }

  find(sql: Sql, id: string): Promise<PolicyRow | undefined> {
    return sql.one<PolicyRow>(`SELECT * FROM policy WHERE id = $1`, [id]);
  }

  /** Locks the policy row: activation checks and schedule changes of one policy run one at a time. */
  findForUpdate(sql: Sql, id: string): Promise<PolicyRow | undefined> {
    return sql.one<PolicyRow>(`SELECT * FROM policy WHERE id = $1 FOR UPDATE`, [id]);
  }

  list(sql: Sql, f: { active?: boolean; afterId?: string; limit: number }): Promise<PolicyRow[]> {
    return sql.rows<PolicyRow>(
      `SELECT * FROM policy WHERE ($1::boolean IS NULL OR active = $1) AND ($2::text IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [f.active ?? null, f.afterId ?? null, f.limit],
    );
  }

  async delete(sql: Sql, id: string): Promise<PolicyRow | undefined> {
    return sql.one<PolicyRow>(`DELETE FROM policy WHERE id = $1 RETURNING *`, [id]);
  }

  /** Every other active policy, locked against a concurrent activation (checked one after the other). */
  othersActive(sql: Sql, id: string): Promise<PolicyRow[]> {
    return sql.rows<PolicyRow>(`SELECT * FROM policy WHERE active AND id <> $1 ORDER BY id FOR UPDATE`, [id]);
  }

  /** The instant before which a certification is too old for the period (PostgreSQL reads P6M, P1Y…). */
  async certificationCutoff(sql: Sql, period: string): Promise<string> {
    const row = await sql.one<{ t: Date }>(`SELECT now() - $1::interval AS t`, [period]);
    return row!.t.toISOString();
  }

  async count(sql: Sql, scope: PolicyScope): Promise<number> {
    const params: unknown[] = [];
    const where = scopeCondition(scope, params);
    const row = await sql.one<{ n: string }>(
      `SELECT count(*) AS n FROM assignment a ${SCOPE_JOINS} WHERE ${where}`,
      params,
    );
    return Number(row!.n);
  }

  sample(sql: Sql, scope: PolicyScope, limit: number): Promise<ScopeSample[]> {
    const params: unknown[] = [];
    const where = scopeCondition(scope, params);
    params.push(limit);
    return sql.rows<ScopeSample>(
      `SELECT ${SAMPLE_COLUMNS} FROM assignment a ${SCOPE_JOINS} WHERE ${where} ORDER BY a.key LIMIT $${params.length}`,
      params,
    );
  }

  /** Assignments both scopes select (a sample); empty when they are distinct. */
  shared(sql: Sql, one: PolicyScope, other: PolicyScope, limit: number): Promise<ScopeSample[]> {
    const params: unknown[] = [];
    const where = `${scopeCondition(one, params)} AND ${scopeCondition(other, params, 'other.')}`;
    params.push(limit);
    return sql.rows<ScopeSample>(
      `SELECT ${SAMPLE_COLUMNS} FROM assignment a ${SCOPE_JOINS} WHERE ${where} ORDER BY a.key LIMIT $${params.length}`,
      params,
    );
  }

  private values(p: PolicyInput): unknown[] {
    return [
      p.name,
      p.description,
      p.active,
      JSON.stringify(p.identityScope),
      JSON.stringify(p.roleAssignmentScope),
      p.recertificationPeriod,
      p.campaignExecutionPlan ? JSON.stringify(p.campaignExecutionPlan) : null,
      JSON.stringify(p.workflowStrategy),
    ];
  }
}
