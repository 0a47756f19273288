import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_HEADER = 'x-csrf-token';

const refused = (detail: string) =>
  new DomainError(403, 'csrf-refused', 'Cross-site request refused', detail);

function originOf(req: Request): string | undefined {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a change made with the session cookie is refused, if it is: it must come from a page of this site
 * (Origin, else Referer) and carry the session's own CSRF token in the X-CSRF-Token header, which a page
 * of another site cannot read. Reads, and calls with a bearer token, need neither.
 */
export function csrfRefusal(req: Request, csrfToken: string, publicOrigin: string): DomainError | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const origin = originOf(req);
  if (origin !== publicOrigin) {
    return refused(
      origin
        ? `A change sent from ${origin} is not accepted with this site's session.`
        : 'A change made with the session cookie must say where it comes from (Origin header).',
    );
  }
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameToken(sent, csrfToken)) {
    return refused(
      `A change made with the session cookie needs the session's CSRF token in the X-CSRF-Token header (GET /api/v1/me gives it).`,
    );
  }
  return undefined;
}
