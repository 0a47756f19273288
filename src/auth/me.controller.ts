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
  /** When the token stops being accepted. */
  expiresAt: string;
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Who the caller is: identity, display name, roles, and when the credential expires',
  })
  me(@CurrentPrincipal() p: Principal): MeView {
    return {
      kind: p.kind,
      subject: p.sub,
      displayName: p.displayName,
      roles: p.roles,
      clientId: p.clientId ?? null,
      expiresAt: p.expiresAt.toISOString(),
    };
  }
}
