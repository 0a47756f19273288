import { Controller, Delete, Get, HttpCode, Inject, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { uuidId } from '../common/cursor';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CurrentPrincipal } from './principal.decorator';
import type { Principal } from './roles';
import { SessionsService, type SessionView } from './sessions.service';

const listSessionsQuery = z.strictObject({
  subject: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Open browser sessions: an administrator's view of everyone's (or one subject's), else one's own",
  })
  list(
    @ZodQuery(listSessionsQuery) q: z.infer<typeof listSessionsQuery>,
    @CurrentPrincipal() p: Principal,
  ): Promise<SessionView[]> {
    return this.sessions.list(p, q.subject, q.limit);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a session at once (administrators any, everyone their own)' })
  async revoke(
    @Param('id', new ZodValidationPipe(uuidId('not a session id'))) id: string,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
  ): Promise<void> {
    await this.sessions.revoke(id, p, req.header('x-request-id') ?? null);
  }
}
