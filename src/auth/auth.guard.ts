import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error';
import { AuthenticatedRequest, signInRequired } from './authenticate.middleware';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles';

/** A route that names no roles is for people's roles; a provisioning job reaches only its own routes. */
const PEOPLE: Role[] = ['admin', 'reviewer', 'auditor'];

/** Routes need the caller identified by `authenticateFirst`, with one of the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = req.principal;
    if (!principal) throw req.authFailure ?? signInRequired();
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? PEOPLE;
    if (!allowed.some((r) => principal.roles.includes(r))) {
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
