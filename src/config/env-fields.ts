import { z } from 'zod';
import { parseIsoDuration } from '../common/iso-duration';

/** Environment variables' shapes, shared by every configuration schema (the app's and the dev issuer's). */

/** Set and not blank, or undefined. */
export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** Comma-separated values; unset = none. */
export const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** An ISO 8601 duration, in milliseconds. */
export const duration = z
  .string()
  .refine((v) => (parseIsoDuration(v) ?? 0) > 0, { message: 'must be an ISO 8601 duration such as PT5M' })
  .transform((v) => parseIsoDuration(v)!);

/**
 * A JSON document in a variable (`fallback` when unset or blank); one that does not parse is reported like
 * any other bad variable, with `expected` saying what it should hold.
 */
export function jsonText(expected: string, fallback?: string) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      const source = text?.trim() ? text : fallback;
      if (source === undefined) {
        ctx.addIssue({ code: 'custom', message: `is required: ${expected}` });
        return z.NEVER;
      }
      try {
        return JSON.parse(source) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be ${expected}` });
        return z.NEVER;
      }
    });
}
