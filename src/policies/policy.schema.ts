import { z } from 'zod';
import { ON_DUE_DATE } from '../../workflows/campaign.contract';
import { campaignOptionsSchema } from '../domain/campaign-options';
import { pageQuery } from '../common/cursor';
import { parseIsoDuration } from '../common/iso-duration';
import { REVIEWER_RULE_NAMES } from '../domain/reviewer-rules';
import { identityScopeSchema, roleAssignmentScopeSchema } from '../domain/scope/scope.schema';
import { cronProblem } from './policy-cron';

export const policyIdSchema = z
  .string()
  .min(1, 'is required')
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, - and _ are allowed');

/** ISO 8601 durations with years and months too (P6M, P1Y): PostgreSQL reads them as intervals. */
export const periodSchema = z
  .string()
  .regex(
    /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'must be an ISO 8601 duration such as P6M, P1Y or P90D',
  );

export const executionPlanSchema = z.discriminatedUnion('scheduleType', [
  z.strictObject({
    scheduleType: z.literal('INTERVAL'),
    interval: z.coerce.number().int().min(1).max(1000),
    intervalUnit: z.enum(['DAYS', 'WEEKS', 'MONTHS', 'YEARS']),
  }),
  z.strictObject({
    scheduleType: z.literal('CRON'),
    cron: z
      .string()
      .trim()
      .max(100, { abort: true })
      .superRefine((v, ctx) => {
        const problem = cronProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  }),
]);
export type ExecutionPlan = z.infer<typeof executionPlanSchema>;

export const workflowStrategySchema = z.strictObject({
  /** Seed 002's strategy type; Recert runs a review campaign whatever it names. */
  type: z.string().max(200).default('NoneRoleWorkflowStrategyType'),
  reviewers: z
    .strictObject({
      strategy: z.array(z.enum(REVIEWER_RULE_NAMES)).min(1).max(10).default(['linemanager']),
      /** Unset: items nobody else can review go to the policy's owner. */
      defaultReviewerKey: z.string().trim().min(1).max(200).nullable().default(null),
    })
    .prefault({}),
  dueIn: z
    .string()
    .refine(
      (v) => (parseIsoDuration(v) ?? 0) >= 3_600_000 && (parseIsoDuration(v) ?? 0) <= 3_650 * 86_400_000,
      {
        message: 'an ISO 8601 duration between PT1H and P3650D',
      },
    )
    .default('P30D'),
  onDueDate: z.enum(ON_DUE_DATE).default('not_reviewed'),
  /** The priority of the campaigns it launches: 1 is the most urgent. */
  priority: z.number().int().min(1).max(5).default(3),
  options: campaignOptionsSchema.prefault({}),
  readOnlyDimensionTags: z.array(z.string().max(200)).max(100).default([]),
  readWriteDimensionTags: z.array(z.string().max(200)).max(100).default([]),
});
export type WorkflowStrategy = z.infer<typeof workflowStrategySchema>;

const policyFields = {
  name: z.string().trim().min(4, 'must be at least 4 characters long').max(200),
  description: z.string().max(10_000).default(''),
  active: z.boolean({ error: 'is required (true or false)' }),
  identityScope: identityScopeSchema,
  roleAssignmentScope: roleAssignmentScopeSchema,
  recertificationPeriod: periodSchema.nullish().transform((v) => v ?? null),
  campaignExecutionPlan: executionPlanSchema.nullish().transform((v) => v ?? null),
  workflowStrategy: workflowStrategySchema,
};

export const policySchema = z.strictObject({ id: policyIdSchema, ...policyFields });
export type PolicyInput = z.infer<typeof policySchema>;

/** A full replacement; the id is not modifiable (seed 002) and may only repeat the current one. */
export const policyUpdateSchema = z.strictObject({ id: policyIdSchema.optional(), ...policyFields });
export type PolicyUpdate = z.infer<typeof policyUpdateSchema>;

export const scopePreviewSchema = z.strictObject({
  identityScope: policyFields.identityScope,
  roleAssignmentScope: policyFields.roleAssignmentScope,
  /** Only assignments whose last certification is older than this (on-the-fly mode). */
  recertificationPeriod: periodSchema.nullish(),
});
export type ScopePreview = z.infer<typeof scopePreviewSchema>;

export const listPoliciesQuery = z.strictObject({
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});
export type ListPoliciesQuery = z.infer<typeof listPoliciesQuery>;

export const exportQuery = z.strictObject({ format: z.enum(['json', 'xml']).default('json') });
