import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { databaseFailureKind } from '../database/pg-errors';
import { domainErrorOf, isTemporalUnavailable } from '../temporal/failure-codec';
import { DomainError, FieldError } from './domain-error';

export const PROBLEM_BASE = 'https://recert.dev/problems/';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

function titleOf(status: number): string {
  return (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
}

function fromHttpException(err: HttpException): Problem {
  const status = err.getStatus();
  const body = err.getResponse();
  const message =
    typeof body === 'object' && body && 'message' in body
      ? String((body as { message: unknown }).message)
      : err.message;
  const code = (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
  return { type: PROBLEM_BASE + code, title: titleOf(status), status, detail: message };
}

function fromDomainError(err: DomainError): Problem {
  const problem: Problem = {
    type: PROBLEM_BASE + err.code,
    title: err.title,
    status: err.status,
    detail: err.message,
  };
  if (err.errors) problem.errors = err.errors;
  return problem;
}

const unavailable = (what: 'database' | 'temporal'): Problem => ({
  type: PROBLEM_BASE + `${what}-unavailable`,
  title: 'Service unavailable',
  status: 503,
  detail: `${what === 'database' ? 'PostgreSQL' : 'Temporal'} cannot be reached right now; try again shortly.`,
});

/** A client error raised by Express' body parser or its decompression (http-errors: status + expose). */
function isExposedClientError(err: unknown): err is { status: number; type?: string; message: string } {
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

/** The problem an error becomes; undefined for the unexpected (logged, never described). */
function problemOf(err: unknown): Problem | undefined {
  if (err instanceof DomainError) return fromDomainError(err);
  if (err instanceof HttpException) return fromHttpException(err);
  const refusal = domainErrorOf(err);
  if (refusal) return fromDomainError(refusal);
  if (isTemporalUnavailable(err)) return unavailable('temporal');
  switch (databaseFailureKind(err)) {
    case 'unavailable':
      return unavailable('database');
    case 'bad-data':
      return {
        type: PROBLEM_BASE + 'invalid-data',
        title: 'Value cannot be stored',
        status: 400,
        detail: 'A value of the request cannot be stored.',
      };
    case 'constraint':
      return {
        type: PROBLEM_BASE + 'constraint',
        title: 'Request conflicts with stored data',
        status: 409,
        detail: 'The request conflicts with stored data.',
      };
  }
  if (isExposedClientError(err)) {
    return {
      type: PROBLEM_BASE + (err.type ?? 'bad-request'),
      title: 'Request body rejected',
      status: err.status,
      detail: err.message,
    };
  }
  return undefined;
}

const internalProblem: Problem = {
  type: PROBLEM_BASE + 'internal',
  title: 'Internal error',
  status: 500,
  detail: 'The request could not be completed; it has been logged.',
};

function sendProblem(res: Response, problem: Problem, instance: string): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance }));
}

/** RFC 6750: a bearer call refused for its token says so in the challenge. */
function challengeOf(err: unknown): string {
  return err instanceof DomainError && 'challenge' in err && typeof err.challenge === 'string'
    ? err.challenge
    : 'Bearer realm="recert"';
}

/** The problem of AuthenticationFailed: no caller, or a caller whose credential is not valid. */
const SIGN_IN_REQUIRED = PROBLEM_BASE + 'unauthorized';

/** A person's browser opening a page (not a script's call): sent to sign in rather than shown a 401. */
function isBrowserNavigation(req: Request): boolean {
  return req.method === 'GET' && !req.headers.authorization && req.accepts(['json', 'html']) === 'html';
}

/** Every error leaves as RFC 9457 problem+json; unexpected ones are logged and never described. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    let problem = problemOf(err);
    if (!problem) {
      // Under the request's id when the request is logged (see requestLogging).
      const requestLog = (req as Request & { log?: { error(o: object, m: string): void } }).log;
      if (requestLog) requestLog.error({ err }, 'unexpected error');
      else this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      problem = internalProblem;
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Only a refusal that signing in cures sends the browser to sign in; another credential's 401 (the
    // metrics token) would send it round in circles.
    if (problem.type === SIGN_IN_REQUIRED && isBrowserNavigation(req)) {
      res.redirect(303, `/auth/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (problem.status === 503) res.setHeader('retry-after', '5');
    if (problem.status === 401) res.setHeader('www-authenticate', challengeOf(err));
    sendProblem(res, problem, req.originalUrl);
  }
}
