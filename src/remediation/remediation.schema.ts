import { z } from 'zod';
import { pageQuery, uuidId } from '../common/cursor';
import { ORDER_STATUSES, REMEDIATION_TYPES } from '../domain/remediation.types';

export const remediationIdParam = z.string().regex(/^[1-9]\d{0,17}$/, 'not a remediation id');

export const listRemediationsQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  type: z.enum(REMEDIATION_TYPES).optional(),
  closedStatus: z.coerce
    .number()
    .pipe(z.union([z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]))
    .optional(),
  assigneeKey: z.string().max(200).optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});
export type ListRemediationsQuery = z.infer<typeof listRemediationsQuery>;

export const closeRemediationSchema = z.strictObject({
  outcome: z.enum(['done', 'cancelled']),
  comment: z.string().trim().max(2000).nullish(),
});
export type CloseRemediation = z.infer<typeof closeRemediationSchema>;

export const applyDecisionsSchema = z.strictObject({
  /** false (default): show what would be applied; true: create the remediations. */
  confirm: z.boolean().default(false),
});
export type ApplyDecisions = z.infer<typeof applyDecisionsSchema>;

export const listOrdersQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).default('pending'),
  ...pageQuery,
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export const orderResultSchema = z
  .strictObject({
    status: z.enum(['executed', 'failed']),
    message: z.string().trim().max(2000).nullish(),
  })
  .refine((v) => v.status === 'executed' || Boolean(v.message), {
    path: ['message'],
    message: 'a failed order needs a message saying why',
  });
export type OrderResult = z.infer<typeof orderResultSchema>;
