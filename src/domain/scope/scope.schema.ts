import { z } from 'zod';
import { boundedExpressionSchema } from './scope-expression';

const scopeExpression = boundedExpressionSchema.optional();

/** Seed 002's identity scope: who is reviewed. */
export const identityScopeSchema = z.strictObject({
  expression: scopeExpression,
  /** Identity types (employee, contractor, …); empty = every type. */
  objectTypes: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
});
export type IdentityScope = z.infer<typeof identityScopeSchema>;

/** Seed 002's role assignment scope: which of their assignments. */
export const roleAssignmentScopeSchema = z.strictObject({ expression: scopeExpression });
export type RoleAssignmentScope = z.infer<typeof roleAssignmentScopeSchema>;

/** What selects a policy's assignments; a campaign launched by a policy keeps a copy in its scope. */
export interface PolicyScope {
  policyId: string;
  identityScope: IdentityScope;
  roleAssignmentScope: RoleAssignmentScope;
  /**
   * On-the-fly mode: only assignments never certified or certified before this instant, and not already
   * under review in an open campaign (yesterday's sweep may still be running).
   */
  certifiedBefore?: string | null;
}
