import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, FieldError } from './domain-error';

export const PROBLEM_BASE = 'https://recert.dev/problems/';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
}

function fromHttpException(err: HttpException): Omit<Problem, 'instance'> {
  const status = err.getStatus();
  const body = err.getResponse();
  const message =
    typeof body === 'object' && body && 'message' in body
      ? String((body as { message: unknown }).message)
      : err.message;
  const code = (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
  const title = (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
  return { type: PROBLEM_BASE + code, title, status, detail: message };
}

/** Every error leaves as RFC 9457 problem+json; unexpected ones are logged and never described. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    let problem: Omit<Problem, 'instance'>;
    if (err instanceof DomainError) {
      problem = { type: PROBLEM_BASE + err.code, title: err.title, status: err.status, detail: err.message };
      if (err.errors) problem.errors = err.errors;
    } else if (err instanceof HttpException) {
      problem = fromHttpException(err);
    } else if (isBodyParserError(err)) {
      problem = {
        type: PROBLEM_BASE + err.type,
        title: 'Request body rejected',
        status: err.status,
        detail: err.message,
      };
    } else {
      this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      problem = {
        type: PROBLEM_BASE + 'internal',
        title: 'Internal error',
        status: 500,
        detail: 'The request could not be completed; it has been logged.',
      };
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem, instance: req.originalUrl }));
  }
}

function isBodyParserError(err: unknown): err is { status: number; type: string; message: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { type?: unknown }).type === 'string'
  );
}
