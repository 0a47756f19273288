import { createHash } from 'node:crypto';

/** What an Idempotency-Key stands for: a digest of the request it was first sent with. */
export function requestDigest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}
