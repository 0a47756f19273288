import { Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { uuidId } from '../common/cursor';
import { Endpoint, Resource } from '../common/endpoint';
import { CurrentPrincipal } from './principal.decorator';
import type { Principal } from './roles';
import { SessionsService, type SessionView } from './sessions.service';

const listSessionsQuery = z.strictObject({
  subject: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@Resource('api/v1/sessions', { tag: 'auth' })
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @Endpoint('GET', '', {
    summary:
      "Open browser sessions: an administrator's view of everyone's (or one subject's), else one's own",
    query: listSessionsQuery,
  })
  list(
    @Query() q: z.infer<typeof listSessionsQuery>,
    @CurrentPrincipal() p: Principal,
  ): Promise<SessionView[]> {
    return this.sessions.list(p, q.subject, q.limit);
  }

  @Endpoint('DELETE', ':id', {
    summary: 'End a session at once (administrators any, everyone their own)',
    params: { id: uuidId('not a session id') },
    status: 204,
  })
  async revoke(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.sessions.revoke(id, p);
  }
}
