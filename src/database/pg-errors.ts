/**
 * What a PostgreSQL failure says about whether trying again can help. TypeORM wraps the driver's error
 * (`driverError`); pg's own errors carry the SQLSTATE in `code`, socket errors their errno name.
 */
export type DatabaseFailureKind = 'bad-data' | 'constraint' | 'unavailable';

const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// 08: connection exception; 57P01-03: shut down, crashed, starting up; 53300: too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const driver = (err as { driverError?: unknown }).driverError;
  const code = (driver as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function databaseFailureKind(err: unknown): DatabaseFailureKind | undefined {
  const code = codeOf(err);
  if (code) {
    // Class 22 (data exception) and 23 (integrity constraint): the same input fails the same way again.
    if (/^22[0-9A-Z]{3}$/.test(code)) return 'bad-data';
    if (/^23[0-9A-Z]{3}$/.test(code)) return 'constraint';
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)) return 'unavailable';
  }
  if (err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message)) return 'unavailable';
  return undefined;
}

/**
 * A key twice in one statement's rows: a unique violation, or an `ON CONFLICT DO UPDATE` reaching the same
 * row twice (cardinality violation).
 */
export const isKeyTwice = (err: unknown): boolean => ['23505', '21000'].includes(codeOf(err) ?? '');
