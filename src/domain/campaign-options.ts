import { z } from 'zod';
import type { FieldError } from '../common/domain-error';
import { parseIsoDuration } from '../common/iso-duration';
import { REMEDIATION_TYPES } from './remediation.types';

const duration = z.string().refine((v) => (parseIsoDuration(v) ?? 0) > 0, {
  message: 'an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. P3D or PT12H',
});

export const campaignOptionsSchema = z.strictObject({
  /** When a decision must carry a comment. */
  commentRequired: z.enum(['never', 'revoke', 'always']).default('never'),
  /** Whether a reviewer may forward an item to another reviewer themselves (else it goes to `reassign`). */
  allowSelfDelegation: z.boolean().default(true),
  /** An account unused for this many days is flagged `inactive` on its items. */
  inactiveAfterDays: z.number().int().min(1).max(3650).default(90),
  /**
   * Seed 003 custom8: `true` reviews everything in scope; `false` only what is new or changed (the
   * assignment or its owner's characteristics) since it was last certified.
   */
  fullReview: z.boolean().default(true),
  /** Seed 003 custom6: reviewers may download their items as a spreadsheet and upload their decisions. */
  offlineReview: z.boolean().default(false),
  /** Mail plan: reminders after launch, closing-soon before the due date, escalation after launch. */
  notifications: z
    .strictObject({
      reminders: z
        .strictObject({ first: duration.default('P3D'), every: duration.nullable().default('P2D') })
        .nullable()
        .prefault({}),
      closingSoon: duration.nullable().default('P1D'),
      escalateAfter: duration.nullable().default('P5D'),
    })
    .prefault({}),
  /** Seed 000's "Apply Decisions": remediations at finalization, or once an administrator applies them. */
  remediation: z
    .strictObject({
      applyDecisions: z.enum(['at_finalization', 'manual']).default('at_finalization'),
      /** Used for applications that do not choose their own connector. */
      connector: z.enum(REMEDIATION_TYPES).default('embedded'),
      itsmInstance: z.string().min(1).max(50).nullable().default(null),
    })
    .prefault({}),
});

export type CampaignOptions = z.infer<typeof campaignOptionsSchema>;

/** Why a decision without a comment is refused under the campaign's comment rule; undefined when it is not. */
export function missingCommentReason(
  rule: CampaignOptions['commentRequired'],
  decision: string,
): string | undefined {
  if (rule === 'always') return 'a comment is required on every decision';
  if (rule === 'revoke' && decision === 'revoke') return 'a comment is required on revoke';
  return undefined;
}

/** Campaigns stored before an option existed read it with its default. */
export function readOptions(stored: unknown): CampaignOptions {
  return campaignOptionsSchema.parse({ ...(stored as object) });
}

/**
 * Reminders that repeat faster than `minMs` would flood reviewers (a plan of PT1S once sent 859 mails
 * before anyone noticed); the floor is configuration (RECERT_MIN_REMINDER_INTERVAL).
 */
export function reminderPlanErrors(options: CampaignOptions, minMs: number, field: string): FieldError[] {
  const every = options.notifications.reminders?.every;
  if (!every || (parseIsoDuration(every) ?? 0) >= minMs) return [];
  return [
    {
      field: `${field}.notifications.reminders.every`,
      message: `reminders may repeat at most every ${minMs / 1000} seconds (RECERT_MIN_REMINDER_INTERVAL)`,
    },
  ];
}
