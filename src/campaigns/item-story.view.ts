import { z } from 'zod';
import { CAMPAIGN_STATES } from '../../workflows/campaign.contract';
import { reviewItemView } from './review-item.view';

const isoOrNull = z.iso.datetime().nullable();
const person = z.object({ key: z.string(), name: z.string().nullable() });

/** One review item's whole story, for administrators and auditors. */
export const itemStoryView = z.object({
  campaign: z.object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    status: z.enum(CAMPAIGN_STATES),
  }),
  item: reviewItemView,
  identity: person.nullable(),
  applicationName: z.string().nullable(),
  permissionName: z.string().nullable(),
  accountableReviewer: person,
  responsibleReviewer: person,
  /** The last forward: who handed the item over and the reason they gave (null when none). */
  forward: z.object({ by: person, reason: z.string().nullable() }).nullable(),
  /** Who decided and when: a person, or the due-date rule (`decidedBy` = system). */
  closedAtDueDate: z.boolean(),
  /** Every audit entry about the item, oldest first. */
  events: z.array(
    z.object({
      id: z.string(),
      at: z.iso.datetime(),
      actor: person,
      action: z.string(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
      /** `session:<id>` or `client:<id>`: what the change came through. */
      via: z.string().nullable(),
      session: z
        .object({ id: z.string(), userAgent: z.string().nullable(), createdAt: z.iso.datetime() })
        .nullable(),
      requestId: z.string().nullable(),
      /** How many entries of this action the same transaction wrote: 1 alone, more for a bulk decision or confirmed drafts. */
      batchSize: z.number().int().nullable(),
    }),
  ),
  remediation: z
    .object({
      id: z.string(),
      type: z.string(),
      action: z.string(),
      status: z.string(),
      /** -1 open, 0 in progress, 1 done, 2 refused or failed. */
      closedStatus: z.number().int(),
      itsmInstance: z.string().nullable(),
      externalNumber: z.string().nullable(),
      assigneeKey: z.string().nullable(),
      verification: z.string(),
      flagged: z.boolean(),
      createdAt: z.iso.datetime(),
      closedAt: isoOrNull,
      closedBy: z.string().nullable(),
    })
    .nullable(),
  /** The campaign's latest mail to the item's reviewers (invitations, reminders, escalations). */
  mails: z.array(
    z.object({
      id: z.string(),
      recipient: person,
      event: z.string(),
      status: z.string(),
      subject: z.string().nullable(),
      at: z.iso.datetime(),
      sentAt: isoOrNull,
    }),
  ),
});

export type ItemStoryView = z.infer<typeof itemStoryView>;
