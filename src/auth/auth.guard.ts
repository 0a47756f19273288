import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { DomainError } from '../common/domain-error';
import { Principal, PUBLIC_KEY, Role, ROLES_KEY } from './roles';
import { verifyToken } from './tokens';

export type AuthenticatedRequest = Request & { principal: Principal };

const unauthorized = (detail: string) =>
  new DomainError(401, 'unauthorized', 'Authentication required', detail);

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('Send a bearer token in the Authorization header.');
    try {
      req.principal = verifyToken(this.config.jwtSecret, match[1]);
    } catch (err) {
      throw unauthorized(`The bearer token is not valid: ${(err as Error).message}.`);
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.some((r) => req.principal.roles.includes(r))) {
      throw new DomainError(
        403,
        'forbidden',
        'Forbidden',
        `This action needs one of the roles: ${allowed.join(', ')}.`,
      );
    }
    return true;
  }
}
