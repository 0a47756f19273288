/** A business or validation error that the problem+json filter turns into an RFC 9457 answer. */
export interface FieldError {
  field: string;
  message: string;
  /** The line of an uploaded file the problem is on. */
  line?: number;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export const notFound = (what: string, detail?: string) =>
  new DomainError(404, 'not-found', `${what} not found`, detail ?? `${what} not found.`);

export const conflict = (code: string, title: string, detail: string) =>
  new DomainError(409, code, title, detail);

export const invalid = (detail: string, errors: FieldError[]) =>
  new DomainError(400, 'validation', 'Request is invalid', detail, errors);

/** A 400 listing `errors` (at least one), its detail naming the first. */
export const invalidFields = (errors: FieldError[]) =>
  invalid(`${errors[0].field}: ${errors[0].message}`, errors);

export const idempotencyKeyReused = () =>
  new DomainError(
    422,
    'idempotency-key-reused',
    'Idempotency-Key already used',
    'This Idempotency-Key was used for another request; send a new key for a new request.',
    [{ field: 'idempotency-key', message: 'used for another request' }],
  );
