import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../common/domain-error';
import type { Principal } from './roles';
import { verifyToken } from './tokens';

export type AuthenticatedRequest = Request & { principal?: Principal; authFailure?: DomainError };

export const unauthorized = (detail: string) =>
  new DomainError(401, 'unauthorized', 'Authentication required', detail);

/** Whether the request announces a body (a length, or chunks to come). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Identifies the caller before anything reads the body, so that nobody unauthenticated makes the server
 * parse (and hold) a large document. Roles are checked later by AuthGuard, which knows the route.
 */
export function authenticateFirst(jwtSecret: string) {
  return (req: AuthenticatedRequest, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) {
        req.authFailure = unauthorized('Send a bearer token in the Authorization header.');
      } else {
        try {
          req.principal = verifyToken(jwtSecret, match[1]);
        } catch (err) {
          req.authFailure = unauthorized(`The bearer token is not valid: ${(err as Error).message}.`);
        }
      }
    }
    if (!req.principal && hasBody(req)) {
      // The unread body is not worth receiving: the connection closes after the answer.
      res.setHeader('connection', 'close');
      next(req.authFailure ?? unauthorized('Send a bearer token in the Authorization header.'));
      return;
    }
    next();
  };
}
