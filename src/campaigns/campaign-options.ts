import { z } from 'zod';

export const campaignOptionsSchema = z.strictObject({
  /** When a decision must carry a comment. */
  commentRequired: z.enum(['never', 'revoke', 'always']).default('never'),
  /** Whether a reviewer may forward an item to another reviewer themselves (else it goes to `reassign`). */
  allowSelfDelegation: z.boolean().default(true),
  /** An account unused for this many days is flagged `inactive` on its items. */
  inactiveAfterDays: z.number().int().min(1).max(3650).default(90),
});

export type CampaignOptions = z.infer<typeof campaignOptionsSchema>;

/** Campaigns stored before an option existed read it with its default. */
export function readOptions(stored: unknown): CampaignOptions {
  return campaignOptionsSchema.parse({ ...(stored as object) });
}
