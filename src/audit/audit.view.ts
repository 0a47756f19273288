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
});

export const chainVerdictView = z.object({
  valid: z.boolean(),
  entries: z.number().int(),
  headSeq: z.string(),
  headHash: z.string(),
  firstBroken: z.object({ id: z.string().nullable(), seq: z.string(), reason: z.string() }).optional(),
});
