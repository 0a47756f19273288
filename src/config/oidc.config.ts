import { z } from 'zod';
import { ROLES, type Role } from '../auth/roles';
import { commaList, duration, jsonText, optionalText } from './env-fields';

const seconds = (fallback: string) => duration.prefault(fallback).transform((ms) => ms / 1000);

const clientRoles = jsonText('JSON, e.g. {"ci-bot":["admin"]}', '{}').pipe(
  z.record(z.string().min(1), z.array(z.enum(ROLES)).min(1)),
);

/** The OpenID Connect variables; validated with the rest of the configuration. */
export const oidcEnv = {
  OIDC_ISSUER: optionalText.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_AUDIENCE: optionalText,
  OIDC_IDENTITY_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_IDENTITY_MATCH: z.enum(['key', 'email']).optional(),
  OIDC_ROLES_CLAIM: z.string().min(1).default('groups'),
  OIDC_ADMIN_VALUES: commaList,
  OIDC_AUDITOR_VALUES: commaList,
  OIDC_CLIENT_ROLES: clientRoles,
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  OIDC_CLOCK_SKEW: seconds('PT30S'),
  OIDC_JWKS_MIN_REFRESH: seconds('PT30S'),
  RECERT_SESSION_IDLE: duration.prefault('PT30M'),
  RECERT_SESSION_ABSOLUTE: duration.prefault('PT12H'),
  RECERT_DEV_ADMINS: commaList,
  RECERT_DEV_AUDITORS: commaList,
};

export interface OidcConfig {
  /** Unset: the embedded development provider, served by the app at /dev-oidc. */
  issuer: string;
  embedded: boolean;
  clientId: string;
  /** Unset for the embedded provider until it has generated one (DATA_DIR/dev-oidc.json). */
  clientSecret?: string;
  audience: string;
  identityClaim: string;
  identityMatch: 'key' | 'email';
  rolesClaim: string;
  adminValues: string[];
  auditorValues: string[];
  /** Machine clients (client credentials) and their roles, by client id. */
  clientRoles: Record<string, Role[]>;
  /** Asked for at browser sign-in; some providers send groups only for a `groups` scope (Okta). */
  scopes: string;
  clockSkewSeconds: number;
  /** At most one JWKS download per this many seconds, however many unknown key ids arrive. */
  jwksMinRefreshSeconds: number;
  dev: { admins: string[]; auditors: string[] };
  session: SessionConfig;
}

/** Browser sessions (the server's sign-in on the browser's behalf). */
export interface SessionConfig {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteMs: number;
  /** Over HTTPS the cookies are `Secure` and `__Host-` prefixed (bound to this host, path /). */
  secure: boolean;
  cookie: string;
  signInCookie: string;
  /** Where the provider sends the browser back with the code. */
  redirectUri: string;
  /** Where the provider sends the browser after signing out. */
  postLogoutRedirectUri: string;
}

/** The development provider's fixed names; its groups map to roles like a production provider's. */
export const EMBEDDED = {
  path: '/dev-oidc',
  clientId: 'recert',
  cliClientId: 'recert-cli',
  automationClientId: 'recert-automation',
  audience: 'api://recert',
  adminGroup: 'recert-admins',
  auditorGroup: 'recert-auditors',
} as const;

type OidcEnv = z.infer<z.ZodObject<typeof oidcEnv>>;

export function oidcIssues(env: OidcEnv & { NODE_ENV: string }): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (env.OIDC_ISSUER) {
    if (!env.OIDC_CLIENT_ID) issues.push({ path: 'OIDC_CLIENT_ID', message: 'is required with OIDC_ISSUER' });
    if (!env.OIDC_CLIENT_SECRET)
      issues.push({ path: 'OIDC_CLIENT_SECRET', message: 'is required with OIDC_ISSUER' });
    // Plain http only to a provider on the same machine (a sidecar, or the tests' issuer).
    const url = new URL(env.OIDC_ISSUER);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (env.NODE_ENV === 'production' && url.protocol !== 'https:' && !loopback) {
      issues.push({ path: 'OIDC_ISSUER', message: 'must be an https:// URL when NODE_ENV=production' });
    }
  } else if (env.NODE_ENV === 'production') {
    issues.push({
      path: 'OIDC_ISSUER',
      message: 'is required when NODE_ENV=production (the development provider signs in anyone as anyone)',
    });
  }
  return issues;
}

function sessionConfig(env: OidcEnv, publicUrl: string): SessionConfig {
  const secure = publicUrl.startsWith('https:');
  const prefix = secure ? '__Host-' : '';
  return {
    idleMs: env.RECERT_SESSION_IDLE,
    absoluteMs: Math.max(env.RECERT_SESSION_ABSOLUTE, env.RECERT_SESSION_IDLE),
    secure,
    cookie: `${prefix}recert_session`,
    signInCookie: `${prefix}recert_sign_in`,
    redirectUri: `${publicUrl}/auth/callback`,
    postLogoutRedirectUri: `${publicUrl}/`,
  };
}

export function toOidcConfig(env: OidcEnv, publicUrl: string): OidcConfig {
  const embedded = !env.OIDC_ISSUER;
  const identityClaim = env.OIDC_IDENTITY_CLAIM;
  return {
    issuer: env.OIDC_ISSUER ?? `${publicUrl}${EMBEDDED.path}`,
    embedded,
    clientId: env.OIDC_CLIENT_ID ?? EMBEDDED.clientId,
    clientSecret: env.OIDC_CLIENT_SECRET,
    audience: env.OIDC_AUDIENCE ?? (embedded ? EMBEDDED.audience : env.OIDC_CLIENT_ID!),
    identityClaim,
    identityMatch: env.OIDC_IDENTITY_MATCH ?? (identityClaim === 'email' ? 'email' : 'key'),
    rolesClaim: env.OIDC_ROLES_CLAIM,
    adminValues:
      embedded && env.OIDC_ADMIN_VALUES.length === 0 ? [EMBEDDED.adminGroup] : env.OIDC_ADMIN_VALUES,
    auditorValues:
      embedded && env.OIDC_AUDITOR_VALUES.length === 0 ? [EMBEDDED.auditorGroup] : env.OIDC_AUDITOR_VALUES,
    clientRoles:
      embedded && Object.keys(env.OIDC_CLIENT_ROLES).length === 0
        ? { [EMBEDDED.automationClientId]: ['admin'] }
        : env.OIDC_CLIENT_ROLES,
    scopes: env.OIDC_SCOPES.split(/\s+/).includes('openid') ? env.OIDC_SCOPES : `openid ${env.OIDC_SCOPES}`,
    clockSkewSeconds: env.OIDC_CLOCK_SKEW,
    jwksMinRefreshSeconds: env.OIDC_JWKS_MIN_REFRESH,
    dev: { admins: env.RECERT_DEV_ADMINS, auditors: env.RECERT_DEV_AUDITORS },
    session: sessionConfig(env, publicUrl),
  };
}
