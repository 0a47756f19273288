import type { Principal, Role } from '../auth/roles';
import { EMBEDDED } from '../config/oidc.config';

const FOREVER = new Date('9999-12-31T00:00:00Z');

/** The demo's ledger comes in as an automation job would bring it: the embedded automation client. */
export const automation: Principal = {
  sub: EMBEDDED.automationClientId,
  kind: 'client',
  roles: ['admin'],
  displayName: EMBEDDED.automationClientId,
  clientId: EMBEDDED.automationClientId,
  expiresAt: FOREVER,
};

/** A person of the demo acting as themselves (reviewers) or with a role (the administrator). */
export const person = (key: string, displayName: string, ...roles: Role[]): Principal => ({
  sub: key,
  kind: 'person',
  roles: ['reviewer', ...roles],
  displayName,
  clientId: EMBEDDED.clientId,
  expiresAt: FOREVER,
});
