import { z } from 'zod';
import { CAMPAIGN_STATES, ON_DUE_DATE } from '../../workflows/campaign.contract';
import { pageQuery, uuidId } from '../common/cursor';
import { campaignOptionsSchema } from '../domain/campaign-options';
import { REVIEWER_RULE_NAMES } from '../domain/reviewer-rules';
import { CAMPAIGN_TYPES, ITEM_STATUSES } from '../domain/campaign.types';

export const CAMPAIGN_SORTS = ['newest', 'priority'] as const;

/** Rules that name someone only through a permission, which an account does not have. */
const PERMISSION_RULES = ['permissionowner', 'groupowner'];

/** An account campaign reviews accounts: no permission scope, no rule that needs a permission. */
function accountCampaignIssues(
  body: { type: string; scope: { permissionKeys?: string[] }; reviewers: { strategy: string[] } },
  ctx: z.RefinementCtx,
) {
  if (body.type !== 'account') return;
  if (body.scope.permissionKeys) {
    ctx.addIssue({
      code: 'custom',
      path: ['scope', 'permissionKeys'],
      message: 'an account campaign reviews whole accounts: scope it by application or identity',
    });
  }
  body.reviewers.strategy.forEach((rule, n) => {
    if (PERMISSION_RULES.includes(rule)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewers', 'strategy', n],
        message: `"${rule}" needs a permission, which an account does not have`,
      });
    }
  });
}

const key = z.string().trim().min(1).max(200);
const keys = z.array(key).min(1).max(10_000).optional();

export const createCampaignSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(200),
    description: z.string().max(10_000).default(''),
    /** 1 is the most urgent, 5 the least; reviewers see their most urgent campaigns first. */
    priority: z.number().int().min(1).max(5).default(3),
    dueAt: z.iso
      .datetime({ offset: true })
      .refine((v) => Date.parse(v) > Date.now(), { message: 'must be in the future' }),
    type: z.enum(CAMPAIGN_TYPES).default('right'),
    scope: z.strictObject({ applicationKeys: keys, permissionKeys: keys, identityKeys: keys }).default({}),
    reviewers: z.strictObject({
      strategy: z.array(z.enum(REVIEWER_RULE_NAMES)).min(1).max(10).default(['linemanager']),
      defaultReviewerKey: key,
    }),
    onDueDate: z.enum(ON_DUE_DATE).default('not_reviewed'),
    options: campaignOptionsSchema.prefault({}),
  })
  .superRefine(accountCampaignIssues);
export type CreateCampaign = z.infer<typeof createCampaignSchema>;

/** What a campaign form has so far that decides its items: the scope and the reviewer strategy. */
export const campaignPreviewSchema = z
  .strictObject({
    type: createCampaignSchema.shape.type,
    scope: createCampaignSchema.shape.scope,
    reviewers: z.strictObject({
      strategy: createCampaignSchema.shape.reviewers.shape.strategy,
      defaultReviewerKey: key.nullish(),
    }),
    /** `false` counts only what is new or changed since its last certification. */
    fullReview: z.boolean().default(true),
  })
  .superRefine(accountCampaignIssues);
export type CampaignPreviewBody = z.infer<typeof campaignPreviewSchema>;

export const campaignPreviewView = z.object({
  items: z.number().int(),
  reviewers: z.number().int(),
  identities: z.number().int(),
  applications: z.number().int(),
  /** How many items each reviewer rule gives out; `default` covers the default reviewer and the owner. */
  byOrigin: z.array(z.object({ origin: z.string(), items: z.number().int(), reviewers: z.number().int() })),
});
export type CampaignPreview = z.infer<typeof campaignPreviewView>;

export const listCampaignsQuery = z.strictObject({
  status: z.enum(CAMPAIGN_STATES).optional(),
  ownerKey: key.optional(),
  /** A piece of the title or the number. */
  q: z.string().trim().min(1).max(200).optional(),
  /** `newest` first (the default), or by `priority`: most urgent first, then soonest due. */
  sort: z.enum(CAMPAIGN_SORTS).default('newest'),
  ...pageQuery,
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

export const campaignIdParam = uuidId('not a campaign id');

/** Who closed an item: one of its reviewers, or the campaign's due-date rule. */
export const ITEM_DECIDERS = ['reviewer', 'due-date'] as const;

export const campaignItemsQuery = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  /** The responsible reviewer's key. */
  reviewer: key.optional(),
  /** The older name of `reviewer`. */
  responsibleReviewerKey: z.string().max(200).optional(),
  decidedBy: z.enum(ITEM_DECIDERS).optional(),
  /** An application key. */
  application: key.optional(),
  /** A piece of the identity's name or key, the permission's name or key, the application's name, the assignment's key. */
  q: z.string().trim().min(1).max(200).optional(),
  ...pageQuery,
});
export type CampaignItemsQuery = z.infer<typeof campaignItemsQuery>;

const itemIds = z
  .array(z.string().regex(/^[1-9]\d{0,17}$/, 'not an item id'))
  .min(1)
  .max(500);

export const reassignSchema = z.strictObject({ itemIds, to: z.string().trim().min(1).max(200) });
export type ReassignBody = z.infer<typeof reassignSchema>;

export const resetDelegationSchema = z.strictObject({ itemIds });
export type ResetDelegationBody = z.infer<typeof resetDelegationSchema>;
