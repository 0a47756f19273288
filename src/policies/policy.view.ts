import { z } from 'zod';
import { executionPlanSchema, periodSchema, policySchema } from './policy.schema';

/** A policy as the API answers it, for the OpenAPI document (see policy.types.ts). */
export const policyView = policySchema.extend({
  // The input's nullish-to-null transforms would show as `unknown` in the document.
  recertificationPeriod: periodSchema.nullable(),
  campaignExecutionPlan: executionPlanSchema.nullable(),
  ownerKey: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const scheduleStateView = z.object({
  mode: z.enum(['campaign', 'sweep']),
  scheduleId: z.string(),
  paused: z.boolean(),
  nextRunTimes: z.array(z.iso.datetime()),
});

/** With its Temporal schedules; `schedules` is null when Temporal could not be asked. */
export const policyWithSchedulesView = policyView.extend({
  schedules: z.array(scheduleStateView).nullable(),
});

export const scopePreviewView = z.object({
  assignments: z.number().int(),
  sample: z.array(
    z.object({
      assignmentKey: z.string(),
      identityKey: z.string(),
      permissionKey: z.string(),
      applicationKey: z.string(),
    }),
  ),
});

export const policyRunView = z.object({
  workflowId: z.string(),
  campaignId: z.string().nullable(),
  items: z.number().int(),
});
