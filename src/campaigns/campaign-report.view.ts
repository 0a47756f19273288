import { z } from 'zod';
import { CAMPAIGN_STATES } from '../../workflows/campaign.contract';
import { ITEM_STATUSES } from '../domain/campaign.types';

const count = z.number().int();
const isoOrNull = z.iso.datetime().nullable();

const groupTotals = {
  key: z.string(),
  name: z.string().nullable(),
  items: count,
  reviewed: count,
  reviewedPercent: z.number(),
  pending: count,
  approved: count,
  revoked: count,
  updated: count,
  notReviewed: count,
  /** Decided by a person; the rest of the closed items were decided by the due-date rule. */
  decidedByReviewer: count,
  closedAtDueDate: count,
  lastActivityAt: isoOrNull,
};

/** The compliance report as the API answers it, for the OpenAPI document (and the console). */
export const campaignReportView = z.object({
  campaign: z.object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    status: z.enum(CAMPAIGN_STATES),
    ownerKey: z.string(),
    dueAt: z.iso.datetime(),
    activatedAt: isoOrNull,
    closedAt: isoOrNull,
    decisionsAppliedAt: isoOrNull,
  }),
  totals: z.object({
    items: count,
    byStatus: z.object(Object.fromEntries(ITEM_STATUSES.map((s) => [s, count]))),
    reviewed: count,
    reviewedPercent: z.number(),
    approved: count,
    revoked: count,
    updated: count,
    notReviewed: count,
    pending: count,
    reassigned: count,
    movers: count,
    inactiveAccounts: count,
    decidedByDueDateRule: count,
  }),
  byReviewer: z.array(
    z.object({
      ...groupTotals,
      email: z.string().nullable(),
      /** Items still wait and the due date has passed. */
      late: z.boolean(),
      /** Late, or the share decided trails the share of the campaign's time gone by more than a quarter. */
      behind: z.boolean(),
    }),
  ),
  byApplication: z.array(z.object(groupTotals)),
  durations: z.object({
    launchToCloseSeconds: count.nullable(),
    openForSeconds: count.nullable(),
    medianDecisionSeconds: count.nullable(),
    p90DecisionSeconds: count.nullable(),
  }),
  remediations: z.object({
    total: count,
    byClosedStatus: z.record(z.string(), count),
    byType: z.record(z.string(), count),
    verified: count,
    flagged: count,
  }),
  generatedAt: z.iso.datetime(),
});

/** A link that downloads the report's CSV once, for its caller, until `expiresAt`. */
export const reportExportLinkView = z.object({
  url: z.url(),
  expiresAt: z.iso.datetime(),
});
