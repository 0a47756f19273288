import { z } from 'zod';

/** An entry of the trail as the API shows it, for the OpenAPI document (see audit-trail.service.ts). */
export const auditEntryView = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  campaignId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  via: z.string().nullable(),
  seq: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  /** How many entries of this action the same transaction wrote: more than one is a bulk action. */
  batchSize: z.number().int(),
  /** The review item the entry is about, if it is about one: whose access to what. */
  item: z
    .object({
      campaignId: z.string(),
      identityKey: z.string(),
      identityName: z.string().nullable(),
      applicationKey: z.string(),
      applicationName: z.string().nullable(),
      permissionKey: z.string(),
      permissionName: z.string().nullable(),
    })
    .nullable(),
  /** The browser session named by `via`, if it was one. */
  session: z
    .object({
      id: z.string(),
      subject: z.string(),
      userAgent: z.string().nullable(),
      createdAt: z.iso.datetime(),
      endedAt: z.iso.datetime().nullable(),
    })
    .nullable(),
  /** Display names of the people the entry names (its actor, the reviewers before and after). */
  names: z.record(z.string(), z.string()),
});

export const chainVerdictView = z.object({
  valid: z.boolean(),
  entries: z.number().int(),
  headSeq: z.string(),
  headHash: z.string(),
  firstBroken: z.object({ id: z.string().nullable(), seq: z.string(), reason: z.string() }).optional(),
});
