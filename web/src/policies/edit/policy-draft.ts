import type { paths } from '../../api/schema';
import { defaultPlan, optionsOf, planOf, type PlanDraft, type ReviewerRule } from '../../campaigns';
import {
  emptyExpression,
  type ExpressionDraft,
  expressionDraftOf,
  expressionOf,
  type ScopeField,
} from './expression-draft';

export type PolicyBody = NonNullable<
  paths['/api/v1/policies']['post']['requestBody']
>['content']['application/json'];
export type Policy = paths['/api/v1/policies/{id}']['get']['responses'][200]['content']['application/json'];
export type PreviewBody = NonNullable<
  paths['/api/v1/policies/preview']['post']['requestBody']
>['content']['application/json'];
type IntervalUnit = 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS';

/** Everything the policy form holds, as the administrator edits it. */
export interface PolicyDraft {
  id: string;
  name: string;
  description: string;
  objectTypes: string[];
  identityExpression: ExpressionDraft;
  assignmentExpression: ExpressionDraft;
  /** Empty: every assignment in scope, however recently certified. */
  recertificationPeriod: string;
  schedule: 'none' | 'INTERVAL' | 'CRON';
  interval: number;
  intervalUnit: IntervalUnit;
  cron: string;
  strategy: ReviewerRule[];
  defaultReviewerKey: string | null;
  dueIn: string;
  plan: PlanDraft;
}

export function emptyPolicy(): PolicyDraft {
  return {
    id: crypto.randomUUID(),
    name: '',
    description: '',
    objectTypes: [],
    identityExpression: emptyExpression(),
    assignmentExpression: emptyExpression(),
    recertificationPeriod: 'P1Y',
    schedule: 'INTERVAL',
    interval: 1,
    intervalUnit: 'YEARS',
    cron: '0 6 1 */3 *',
    strategy: ['linemanager'],
    defaultReviewerKey: null,
    dueIn: 'P30D',
    plan: defaultPlan(),
  };
}

export function policyDraftOf(p: Policy): PolicyDraft {
  const plan = p.campaignExecutionPlan;
  const w = p.workflowStrategy;
  return {
    ...emptyPolicy(),
    id: p.id,
    name: p.name,
    description: p.description,
    objectTypes: p.identityScope.objectTypes,
    identityExpression: expressionDraftOf(p.identityScope.expression),
    assignmentExpression: expressionDraftOf(p.roleAssignmentScope.expression),
    recertificationPeriod: p.recertificationPeriod ?? '',
    schedule: plan?.scheduleType ?? 'none',
    ...(plan?.scheduleType === 'INTERVAL' && { interval: plan.interval, intervalUnit: plan.intervalUnit }),
    ...(plan?.scheduleType === 'CRON' && { cron: plan.cron }),
    strategy: w.reviewers.strategy,
    defaultReviewerKey: w.reviewers.defaultReviewerKey,
    dueIn: w.dueIn,
    plan: planOf(w.options, w.onDueDate, w.priority),
  };
}

export interface ScopeFields {
  identity: ScopeField[];
  assignment: ScopeField[];
}

/** What the scope selects; throws ExpressionTextError while a JSON expression does not parse. */
export function previewBodyOf(d: PolicyDraft, fields: ScopeFields): PreviewBody {
  return {
    identityScope: {
      expression: expressionOf(d.identityExpression, fields.identity),
      objectTypes: d.objectTypes,
    },
    roleAssignmentScope: { expression: expressionOf(d.assignmentExpression, fields.assignment) },
    recertificationPeriod: d.recertificationPeriod.trim() || null,
  };
}

/**
 * The full replacement the API takes. A new policy starts inactive (activation is its own, confirmed step
 * that checks overlaps); what the form does not edit (seed 002's strategy type and dimension tags) is kept.
 */
export function policyBodyOf(d: PolicyDraft, fields: ScopeFields, stored?: Policy): PolicyBody {
  const scope = previewBodyOf(d, fields);
  return {
    id: d.id.trim(),
    name: d.name,
    description: d.description,
    active: stored?.active ?? false,
    identityScope: scope.identityScope,
    roleAssignmentScope: scope.roleAssignmentScope,
    recertificationPeriod: scope.recertificationPeriod,
    campaignExecutionPlan:
      d.schedule === 'none'
        ? null
        : d.schedule === 'CRON'
          ? { scheduleType: 'CRON', cron: d.cron }
          : { scheduleType: 'INTERVAL', interval: d.interval, intervalUnit: d.intervalUnit },
    workflowStrategy: {
      ...(stored && {
        type: stored.workflowStrategy.type,
        readOnlyDimensionTags: stored.workflowStrategy.readOnlyDimensionTags,
        readWriteDimensionTags: stored.workflowStrategy.readWriteDimensionTags,
      }),
      reviewers: { strategy: d.strategy, defaultReviewerKey: d.defaultReviewerKey },
      dueIn: d.dueIn.trim(),
      onDueDate: d.plan.onDueDate,
      priority: d.plan.priority,
      options: optionsOf(d.plan),
    },
  };
}
