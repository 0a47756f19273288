import { ExpressionCompiler } from './scope-expression';
import type { PolicyScope } from './scope.schema';

/**
 * The joins a scope's fields refer to (aliases of the allow-list), from `assignment a`.
 * Shared by previews, overlap checks and campaign population.
 */
export const SCOPE_JOINS = `
  JOIN identity i ON i.id = a.identity_id
  JOIN permission p ON p.id = a.permission_id
  JOIN application ap ON ap.id = p.application_id
  LEFT JOIN account ac ON ac.id = a.account_id
  LEFT JOIN identity m ON m.id = i.manager_id
  LEFT JOIN identity po ON po.id = p.owner_id
  LEFT JOIN identity apo ON apo.id = ap.owner_id`;

/** Rows a snapshot import has not removed from the ledger: the assignment, its permission and application. */
export const PRESENT_IN_LEDGER =
  'a.removed_import_id IS NULL AND p.removed_import_id IS NULL AND ap.removed_import_id IS NULL';

/**
 * The condition selecting a policy's assignments over those joins: ASSIGNED and modifiable (neither
 * frozen nor strict), of the listed identity types, matching both expressions, and — on the fly — not
 * certified since `certifiedBefore`. Values are appended to `params`; `path` names the scope in errors.
 */
export function scopeCondition(scope: PolicyScope, params: unknown[], path = ''): string {
  const parts = [`a.status = 'ASSIGNED'`, PRESENT_IN_LEDGER, 'NOT a.frozen', 'NOT a.strict'];
  if (scope.identityScope.objectTypes.length > 0) {
    params.push(scope.identityScope.objectTypes);
    parts.push(`i.type = ANY($${params.length}::text[])`);
  }
  if (scope.identityScope.expression) {
    const compiler = new ExpressionCompiler('identity', params);
    parts.push(
      `coalesce(${compiler.compile(scope.identityScope.expression, `${path}identityScope.expression`)}, false)`,
    );
  }
  if (scope.roleAssignmentScope.expression) {
    const compiler = new ExpressionCompiler('assignment', params);
    parts.push(
      `coalesce(${compiler.compile(scope.roleAssignmentScope.expression, `${path}roleAssignmentScope.expression`)}, false)`,
    );
  }
  if (scope.certifiedBefore) {
    params.push(scope.certifiedBefore);
    parts.push(`(a.last_certified_at IS NULL OR a.last_certified_at < $${params.length}::timestamptz)`);
    parts.push(`NOT EXISTS (
      SELECT 1 FROM review_item open_ri JOIN campaign open_c ON open_c.id = open_ri.campaign_id
      WHERE open_ri.assignment_key = a.key AND open_c.status IN ('active', 'paused', 'finalizing'))`);
  }
  return parts.join(' AND ');
}
