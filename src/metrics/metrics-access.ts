import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../common/domain-error';

/** A 401 that signing in does not cure: the scraper's own token, with its RFC 6750 challenge. */
export class MetricsTokenRequired extends DomainError {
  readonly challenge = 'Bearer realm="metrics"';

  constructor() {
    super(
      401,
      'metrics-token-required',
      'Metrics token required',
      'Metrics need the token configured in METRICS_TOKEN, as "Authorization: Bearer <token>".',
    );
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Why a scrape is refused, if it is: with a token configured, the request must carry it as a bearer
 * token. Both sides are hashed first, so the comparison takes the same time whatever was sent, its length
 * included.
 */
export function scrapeRefusal(
  authorization: string | undefined,
  token: string | null,
): DomainError | undefined {
  if (token === null) return undefined;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(sent), digest(token)) ? undefined : new MetricsTokenRequired();
}
