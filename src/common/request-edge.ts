import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, FieldError, invalidFields } from './domain-error';
import { PROBLEM_BASE } from './problem.filter';
import { REQUEST_ID_HEADER } from './request-context';
import { findUnstorable } from './storable-text';

const refused = (error: FieldError) => invalidFields([error]);

/** Headers whose values are stored (audit trail, idempotency): short, printable ASCII. */
const STORED_HEADERS = ['idempotency-key', REQUEST_ID_HEADER] as const;
export const MAX_STORED_HEADER = 200;
const PRINTABLE = /^[\x21-\x7e]+$/;

export function checkStoredHeaders(req: Request, _res: Response, next: NextFunction): void {
  for (const name of STORED_HEADERS) {
    const value = req.headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value) || value.length > MAX_STORED_HEADER || !PRINTABLE.test(value)) {
      next(
        refused({
          field: name,
          message: `must be 1 to ${MAX_STORED_HEADER} printable ASCII characters, sent once`,
        }),
      );
      return;
    }
  }
  next();
}

/** Body and query, once parsed: every string must be one PostgreSQL can store, nesting bounded. */
export function checkStorableInput(req: Request, _res: Response, next: NextFunction): void {
  // A body left for its route to stream (an offline-review spreadsheet) is checked as that route reads it.
  const body: unknown = Buffer.isBuffer(req.body) ? undefined : req.body;
  const problem = findUnstorable(body, '') ?? findUnstorable(req.query, '');
  next(problem ? refused(problem) : undefined);
}

/** Path parameters arrive decoded only once routed: the same rule, naming the parameter. */
@Injectable()
export class StorableParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param') return value;
    const problem = findUnstorable(value, metadata.data ?? '(path)');
    if (problem) throw refused(problem);
    return value;
  }
}

/**
 * At most `max` requests at once on the route it guards; the next is refused before its body is read
 * (ledger imports hold whole documents in memory while they parse).
 */
export function limitInFlight(max: number, what: string) {
  let inFlight = 0;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    if (inFlight >= max) {
      res.setHeader('retry-after', '10');
      res.setHeader('connection', 'close');
      next(
        new DomainError(
          429,
          'too-many-in-flight',
          'Too many requests in flight',
          `${max} ${what} are already running; try again when one has finished.`,
        ),
      );
      return;
    }
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  };
}

/**
 * Errors Node's HTTP parser raises before any route runs (an over-long URL or header, a malformed
 * request) are answered as problem+json too, instead of Node's bare status line.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const body = JSON.stringify({
      type: PROBLEM_BASE + title.toLowerCase().replace(/ /g, '-'),
      title,
      status,
      detail:
        status === 431
          ? 'The request line or headers are too large.'
          : status === 408
            ? 'The request took too long to arrive.'
            : 'The request is not valid HTTP.',
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/**
 * For routes that stream a large body and may refuse it part-way. Closing the connection at once (as Node
 * does when the client asked to close) resets it while the client still sends, and a reset makes the
 * client's system drop the answer it has not read yet. On a kept-alive connection the rest of a refused
 * body is read and dropped instead — by Node when nobody read it, here also when the route stopped part-way
 * — for up to `ms`, not for as long as the client cares to send; then the connection closes. A lingering
 * close, as nginx does.
 */
export function lingerAfterRefusal(ms: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.once('finish', () => {
      const socket = req.socket;
      if (req.complete || !socket) return;
      req.resume();
      const timer = setTimeout(() => socket.destroy(), ms);
      timer.unref();
      req.once('end', () => clearTimeout(timer));
    });
    next();
  };
}
