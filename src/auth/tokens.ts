import * as jwt from 'jsonwebtoken';
import { Principal, Role, ROLES } from './roles';

export const ISSUER = 'recert';

export function signToken(secret: string, sub: string, roles: Role[], ttlSeconds = 12 * 3600): string {
  return jwt.sign({ roles }, secret, {
    algorithm: 'HS256',
    subject: sub,
    issuer: ISSUER,
    expiresIn: ttlSeconds,
  });
}

/** Verifies an HS256 token; throws on a bad signature, expiry, or claims Recert does not understand. */
export function verifyToken(secret: string, token: string): Principal {
  const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER });
  if (typeof claims === 'string' || typeof claims.sub !== 'string' || claims.sub === '') {
    throw new Error('token has no subject');
  }
  // A token without an expiry would be valid for ever, however it leaked.
  if (typeof claims.exp !== 'number') throw new Error('token has no expiry (exp)');
  const raw: unknown = claims.roles ?? (claims.role ? [claims.role] : []);
  const roles = Array.isArray(raw)
    ? raw.filter((r): r is Role => (ROLES as readonly string[]).includes(r))
    : [];
  if (roles.length === 0) throw new Error('token carries no Recert role');
  return { sub: claims.sub, roles };
}
