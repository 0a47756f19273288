import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** The header a request is named by. Read here only (eslint.config.mjs): elsewhere, `currentRequestId()`. */
export const REQUEST_ID_HEADER = 'x-request-id';

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/**
 * Every request has an id: the client's `X-Request-Id` (checked by `checkStoredHeaders`) or a new one,
 * echoed in the response. The audit trail records it with each change, and the request's log line carries it.
 */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req) ?? randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/** The id `assignRequestId` gave the request (before it ran: the client's, if any). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const id = req.headers[REQUEST_ID_HEADER];
  return typeof id === 'string' ? id : undefined;
}

/**
 * Runs the rest of the request (routing, guards, the handler and everything it awaits) in its context.
 * Mounted after the body parsers: they call `next` from the request stream's callbacks, which would leave it.
 */
export function enterRequestContext(req: Request, _res: Response, next: NextFunction): void {
  const requestId = requestIdOf(req) ?? randomUUID();
  context.run({ requestId }, next);
}

/** The id of the request being handled; null outside one (a workflow's activity, the start-up demo load). */
export function currentRequestId(): string | null {
  return context.getStore()?.requestId ?? null;
}
