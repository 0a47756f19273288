import { z } from 'zod';
import { DECISIONS, MAX_DECISIONS_PER_CALL } from '../../workflows/campaign.contract';
import { ITEM_STATUSES } from '../domain/campaign.types';
import { pageQuery, uuidId } from '../common/cursor';

/** The longest comment a decision carries. */
export const MAX_COMMENT = 4000;
/** The longest reason a forward carries (shown to the new reviewer on the item). */
export const MAX_FORWARD_REASON = 1000;

export const itemIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'not an item id');
const itemId = itemIdSchema;
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const decisionFields = {
  decision: z.enum(DECISIONS),
  comment: z.string().trim().max(MAX_COMMENT).nullish(),
  endDate: z.iso.datetime({ offset: true }).nullish(),
  forwardTo: z.string().trim().min(1).max(200).nullish(),
  forwardReason: z.string().trim().max(MAX_FORWARD_REASON).nullish(),
};

/** What each decision needs beside its kind: an end date to update, a person to forward to. */
function requireDetails(
  d: { decision: string; endDate?: string | null; forwardTo?: string | null },
  ctx: z.RefinementCtx,
) {
  if (d.decision === 'update' && !d.endDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: 'an update needs the end date the access should get',
    });
  }
  if (d.decision === 'forward' && !d.forwardTo) {
    ctx.addIssue({
      code: 'custom',
      path: ['forwardTo'],
      message: 'a forward needs the identity to forward to',
    });
  }
}

export const decisionSchema = z.strictObject({ itemId, ...decisionFields }).superRefine(requireDetails);

export const decisionsSchema = z.strictObject({
  decisions: z
    .array(decisionSchema)
    .min(1)
    .max(MAX_DECISIONS_PER_CALL)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((d, i) => {
        if (seen.has(d.itemId))
          ctx.addIssue({ code: 'custom', path: [i, 'itemId'], message: 'item listed twice' });
        seen.add(d.itemId);
      });
    }),
});
export type DecisionsBody = z.infer<typeof decisionsSchema>;

export const draftSchema = z.strictObject(decisionFields).superRefine(requireDetails);
export type DraftBody = z.infer<typeof draftSchema>;

const inboxFilter = {
  status: z.enum(ITEM_STATUSES).optional(),
  applicationKey: z.string().max(200).optional(),
  recommendation: z.enum(['recommended', 'not_recommended', 'none']).optional(),
  mover: flag.optional(),
  inactive: flag.optional(),
};

export const inboxQuery = z.strictObject({
  campaignId: uuidId('not a campaign id').optional(),
  ...inboxFilter,
  ...pageQuery,
});
export type InboxQuery = z.infer<typeof inboxQuery>;

/** "My reviews": the campaigns under review (`open`, the default) or those that ended (`closed`). */
export const myCampaignsQuery = z.strictObject({ state: z.enum(['open', 'closed']).default('open') });
export type MyCampaignsQuery = z.infer<typeof myCampaignsQuery>;

export const MAX_BULK = 500;

export const bulkDecisionSchema = z.strictObject({
  filter: z
    .strictObject({
      status: z.enum(['to_be_reviewed', 'ok', 'revoke', 'update']).default('to_be_reviewed'),
      applicationKey: z.string().max(200).optional(),
      recommendation: z.enum(['recommended', 'not_recommended', 'none']).optional(),
      mover: z.boolean().optional(),
      inactive: z.boolean().optional(),
    })
    .prefault({}),
  decision: z.enum(['approve', 'revoke']),
  comment: z.string().trim().max(MAX_COMMENT).nullish(),
});
export type BulkDecisionBody = z.infer<typeof bulkDecisionSchema>;
