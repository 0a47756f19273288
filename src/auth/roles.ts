import { SetMetadata } from '@nestjs/common';

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
  /** When the credential stops being accepted. */
  expiresAt: Date;
}

export const ROLES_KEY = 'recert:roles';
export const PUBLIC_KEY = 'recert:public';

/** Which roles may call the handler; without it an authenticated caller of any role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
