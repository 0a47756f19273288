import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from './principal.decorator';
import { ROLES, Roles, type Principal, type Role } from './roles';

export interface MeView {
  kind: 'person' | 'client';
  /** The ledger identity key of a person; the client id of a machine client. */
  subject: string;
  displayName: string;
  roles: Role[];
  clientId: string | null;
  /** When the credential stops being accepted: the token's expiry, or the session's idle or absolute end. */
  expiresAt: string;
  /** The browser session, with the token its changes must send in X-CSRF-Token; null for bearer tokens. */
  session: { id: string; csrfToken: string } | null;
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary:
      "Who the caller is: identity, display name, roles, when the credential expires, and the browser session's CSRF token",
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
