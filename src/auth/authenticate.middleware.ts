import type { NextFunction, Request, Response } from 'express';
import type { DomainError } from '../common/domain-error';
import { AuthenticationFailed } from './auth.errors';
import type { Authenticator } from './authenticator';
import type { Principal } from './roles';

export type AuthenticatedRequest = Request & { principal?: Principal; authFailure?: DomainError };

export const signInRequired = () =>
  new AuthenticationFailed('Send a bearer token in the Authorization header.');

/** Whether the request announces a body (a length, or chunks to come). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Identifies the caller before anything reads the body, so that nobody unauthenticated makes the server
 * parse (and hold) a large document. Roles are checked later by AuthGuard, which knows the route.
 */
export function authenticateFirst(authenticator: Authenticator) {
  const identify = async (req: AuthenticatedRequest): Promise<void> => {
    const header = req.headers.authorization;
    if (!header) return;
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
      (err: unknown) => next(err),
    );
  };
}
