import { SetMetadata } from '@nestjs/common';
import { currentRequestId } from '../common/request-context';
import type { Actor } from '../domain/actor';

/** `provisioner`: a provisioning job, which reads pending provisioning orders and posts their results. */
export const ROLES = ['admin', 'reviewer', 'auditor', 'provisioner'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The subject: a ledger identity key for a person, the client id for a machine client. */
  sub: string;
  kind: 'person' | 'client';
  roles: Role[];
  displayName: string;
  /** The OAuth client the token was issued to (a person's command line, or the machine client). */
  clientId?: string;
  /** When the credential stops being accepted (for a session: its idle or absolute end, the sooner). */
  expiresAt: Date;
  /** The browser session a person signed in with; absent for bearer tokens. */
  session?: { id: string; csrfToken: string };
}

/** The session or OAuth client a request came through, as the audit trail records it. */
export function viaOf(p: Principal): string | null {
  if (p.session) return `session:${p.session.id}`;
  return p.clientId ? `client:${p.clientId}` : null;
}

/** The caller as the author of a change made in the request being handled (see common/request-context). */
export function actorOf(p: Principal): Actor {
  return { actor: p.sub, via: viaOf(p), requestId: currentRequestId() };
}

export const ROLES_KEY = 'recert:roles';
export const PUBLIC_KEY = 'recert:public';

/** Which roles may call the handler; without it an authenticated caller of any role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
