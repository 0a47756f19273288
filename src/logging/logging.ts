import type { LoggerService } from '@nestjs/common';
import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/config.schema';
import { requestIdOf } from '../common/request-context';

/**
 * One pino logger per process: JSON lines in production (for a log pipeline), one readable line each in
 * development. Nest, the Temporal SDK and the HTTP layer all write through it. Readable lines are formatted
 * in the process itself: as a transport, pino-pretty runs in a worker thread of its own, ~20 MB of the
 * embedded process for a development convenience.
 */
export function createLogger(logging: AppConfig['logging']): Logger {
  const options = { level: logging.level, base: { service: 'recert' } };
  if (logging.format !== 'pretty') return pino(options);
  return pino(
    options,
    // Written as they come (sync), so that they stay in order with the start banner, which is console output.
    pretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', sync: true }),
  );
}

/**
 * Nest's own start-up chatter (each module initialised, each route mapped: ~100 lines) is for whoever
 * debugs Nest itself; at the default level a start shows Recert's lines and its banner.
 */
const NEST_START_UP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Nest's logger interface over pino; the Nest context becomes a `context` field. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    this.logger[level]({ ...(context ? { context } : {}), ...(stack ? { stack } : {}) }, String(message));
  }

  log(message: unknown, ...rest: unknown[]) {
    const context = rest[rest.length - 1];
    this.write(
      typeof context === 'string' && NEST_START_UP_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      rest,
    );
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
}

const TEMPORAL_LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger over pino: its metadata (workflowId, runId, activityType, taskQueue…) become
 * fields of the line, so each worker line names the execution it is about.
 */
export class TemporalPinoLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata) {
    const { error, ...fields } = (meta ?? {}) as LogMetadata & { error?: unknown };
    this.logger[TEMPORAL_LEVELS[level]]({ ...fields, ...(error ? { err: error } : {}) }, message);
  }
  trace(message: string, meta?: LogMetadata) {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata) {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata) {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata) {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata) {
    this.log('ERROR', message, meta);
  }
}

const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * One line per request, at its end, under the request's id (given by `assignRequestId`). `req.log`
 * carries the id to whatever logs during the request (the problem filter does).
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req) => requestIdOf(req) ?? randomUUID(),
    autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      // Headers carry tokens and cookies: the line keeps what identifies the request, no more.
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
