import type { NextFunction, Request, Response } from 'express';
import type { DomainError } from '../common/domain-error';
import type { AppConfig } from '../config/config.schema';
import { AuthenticationFailed } from './auth.errors';
import type { Authenticator } from './authenticator';
import { csrfRefusal } from './csrf';
import type { Principal } from './roles';
import { readCookie } from './session-cookies';
import type { SessionsService } from './sessions.service';

export type AuthenticatedRequest = Request & { principal?: Principal; authFailure?: DomainError };

export const signInRequired = () =>
  new AuthenticationFailed('Sign in at /auth/login, or send a bearer token in the Authorization header.');

/** Whether the request announces a body (a length, or chunks to come). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Identifies the caller before anything reads the body, so that nobody unauthenticated makes the server
 * parse (and hold) a large document: a bearer token, else the browser's session cookie (whose changes must
 * pass the CSRF check). Roles are checked later by AuthGuard, which knows the route.
 */
export function authenticateFirst(
  authenticator: Authenticator,
  sessions: SessionsService,
  config: AppConfig,
) {
  const cookie = config.oidc.session.cookie;
  const publicOrigin = new URL(config.publicUrl).origin;
  const fromSession = async (req: AuthenticatedRequest, token: string): Promise<void> => {
    let principal: Principal;
    try {
      principal = await sessions.authenticate(token);
    } catch (err) {
      req.authFailure = err as DomainError;
      return;
    }
    const refusal = csrfRefusal(req, principal.session!.csrfToken, publicOrigin);
    if (refusal) throw refusal;
    req.principal = principal;
  };
  const identify = async (req: AuthenticatedRequest): Promise<void> => {
    const header = req.headers.authorization;
    if (!header) {
      const token = readCookie(req, cookie);
      if (token) await fromSession(req, token);
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      req.authFailure = new AuthenticationFailed(
        'Send a bearer token in the Authorization header ("Bearer <token>").',
        'invalid_request',
      );
      return;
    }
    try {
      req.principal = await authenticator.bearer(match[1]);
    } catch (err) {
      req.authFailure = err as DomainError;
    }
  };
  return (req: AuthenticatedRequest, res: Response, next: NextFunction): void => {
    identify(req).then(
      () => {
        if (!req.principal && hasBody(req)) {
          // The unread body is not worth receiving: the connection closes after the answer.
          res.setHeader('connection', 'close');
          next(req.authFailure ?? signInRequired());
          return;
        }
        next();
      },
      (err: unknown) => {
        if (hasBody(req)) res.setHeader('connection', 'close');
        next(err);
      },
    );
  };
}
