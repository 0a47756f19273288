import type { ExecutionPlan, PolicyInput, WorkflowStrategy } from './policy.schema';

export interface PolicyRow {
  id: string;
  name: string;
  description: string;
  active: boolean;
  identity_scope: PolicyInput['identityScope'];
  role_assignment_scope: PolicyInput['roleAssignmentScope'];
  recertification_period: string | null;
  campaign_execution_plan: ExecutionPlan | null;
  workflow_strategy: WorkflowStrategy;
  owner_key: string;
  created_at: Date;
  updated_at: Date;
}

/** The policy as it is written: what the API accepts, exports and imports. */
export function toPolicyInput(r: PolicyRow): PolicyInput {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    active: r.active,
    identityScope: r.identity_scope,
    roleAssignmentScope: r.role_assignment_scope,
    recertificationPeriod: r.recertification_period,
    campaignExecutionPlan: r.campaign_execution_plan,
    workflowStrategy: r.workflow_strategy,
  };
}

export function toPolicyView(r: PolicyRow) {
  return {
    ...toPolicyInput(r),
    ownerKey: r.owner_key,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
export type PolicyView = ReturnType<typeof toPolicyView>;
