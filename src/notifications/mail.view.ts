import { z } from 'zod';
import { MAIL_EVENTS } from './templates';

export const MAIL_STATUSES = ['sending', 'committing', 'sent', 'unconfirmed', 'skipped'] as const;

/** A row of the mail log as the API shows it, for the OpenAPI document (see mail-log.service.ts). */
export const mailView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignNumber: z.string().nullable(),
  campaignTitle: z.string().nullable(),
  recipientKey: z.string(),
  recipientName: z.string().nullable(),
  recipientEmail: z.string().nullable(),
  event: z.enum(MAIL_EVENTS),
  occurrence: z.string(),
  status: z.enum(MAIL_STATUSES),
  subject: z.string().nullable(),
  /** Why it was skipped, or what is uncertain about it. */
  detail: z.string().nullable(),
  messageId: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** Whether the .eml is kept (outbox mode): GET …/raw. */
  hasRaw: z.boolean(),
});

/** One message with its text as sent (null when not sent, or logged before texts were kept). */
export const mailMessageView = mailView.extend({ text: z.string().nullable() });
