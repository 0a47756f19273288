import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token subject: a ledger identity key. */
  sub: string;
  roles: Role[];
}

export const ROLES_KEY = 'recert:roles';
export const PUBLIC_KEY = 'recert:public';

/** Which roles may call the handler; without it an authenticated caller of any role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
