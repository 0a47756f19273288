import type { JWTPayload } from 'jose';
import type { OidcConfig } from '../config/oidc.config';
import type { Role } from './roles';

/** A claim by name, or by a dotted path into nested objects (Keycloak's `realm_access.roles`). */
export function claimAt(claims: JWTPayload, path: string): unknown {
  if (path in claims) return claims[path];
  return path
    .split('.')
    .reduce<unknown>(
      (v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined),
      claims,
    );
}

/** The values of the roles claim: a list, or one string (some providers send a single group as text). */
export function claimValues(claims: JWTPayload, path: string): string[] {
  const value = claimAt(claims, path);
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A person's roles: reviewer for every active identity, admin and auditor from the provider's groups. */
export function personRoles(claims: JWTPayload, oidc: OidcConfig): Role[] {
  const values = claimValues(claims, oidc.rolesClaim);
  const roles: Role[] = ['reviewer'];
  if (values.some((v) => oidc.adminValues.includes(v))) roles.push('admin');
  if (values.some((v) => oidc.auditorValues.includes(v))) roles.push('auditor');
  return roles;
}

/** The client a token was issued to: RFC 9068's `client_id`, else OpenID's `azp`. */
export function clientIdOf(claims: JWTPayload): string | undefined {
  const id = claims.client_id ?? claims.azp;
  return typeof id === 'string' ? id : undefined;
}
