import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './authenticate.middleware';
import type { Principal } from './roles';

/**
 * The caller, as `authenticateFirst` identified them: the one way a handler learns who acts (audit entries
 * take it through `actorOf`). Undefined only on a public route called without credentials.
 */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);
