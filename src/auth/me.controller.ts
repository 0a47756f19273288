import { z } from 'zod';
import { Endpoint, Resource } from '../common/endpoint';
import { CurrentPrincipal } from './principal.decorator';
import { ROLES, type Principal } from './roles';

export const meView = z.object({
  kind: z.enum(['person', 'client']),
  /** The ledger identity key of a person; the client id of a machine client. */
  subject: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  clientId: z.string().nullable(),
  /** When the credential stops being accepted: the token's expiry, or the session's idle or absolute end. */
  expiresAt: z.iso.datetime(),
  /** The browser session, with the token its changes must send in X-CSRF-Token; null for bearer tokens. */
  session: z.object({ id: z.uuid(), csrfToken: z.string() }).nullable(),
});
export type MeView = z.infer<typeof meView>;

@Resource('api/v1/me', { tag: 'auth' })
export class MeController {
  @Endpoint('GET', '', {
    roles: ROLES,
    summary:
      "Who the caller is: identity, display name, roles, when the credential expires, and the browser session's CSRF token",
    response: meView,
  })
  me(@CurrentPrincipal() p: Principal): MeView {
    return {
      kind: p.kind,
      subject: p.sub,
      displayName: p.displayName,
      roles: p.roles,
      clientId: p.clientId ?? null,
      expiresAt: p.expiresAt.toISOString(),
      session: p.session ?? null,
    };
  }
}
