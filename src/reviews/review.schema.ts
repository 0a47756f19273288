import { z } from 'zod';
import { DECISIONS, MAX_DECISIONS_PER_CALL } from '../../workflows/campaign.contract';
import { ITEM_STATUSES } from '../campaigns/campaign.types';
import { pageQuery } from '../common/cursor';

const itemId = z.string().regex(/^[1-9]\d{0,17}$/, 'not an item id');

export const decisionsSchema = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        itemId,
        decision: z.enum(DECISIONS),
        comment: z.string().trim().max(4000).nullish(),
      }),
    )
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

export const inboxQuery = z.strictObject({
  campaignId: z.uuid().optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  ...pageQuery,
});
export type InboxQuery = z.infer<typeof inboxQuery>;
