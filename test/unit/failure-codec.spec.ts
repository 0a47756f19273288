import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { conflict, DomainError, invalid, notFound } from '../../src/common/domain-error';
import {
  domainErrorOf,
  isTemporalUnavailable,
  toNonRetryableFailure,
} from '../../src/temporal/failure-codec';

const pgError = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
/** Shaped like @grpc/grpc-js's ServiceError. */
const grpcError = (code: number) =>
  Object.assign(new Error(`${code} grpc`), { code, details: 'grpc details', metadata: {} });

const updateFailed = (cause: Error | undefined) =>
  new WorkflowUpdateFailedError('Workflow Update failed', cause);

describe('toNonRetryableFailure', () => {
  it('turns a DomainError into a non-retryable failure carrying the problem', () => {
    const err = new DomainError(409, 'item-decided', 'Item already decided', 'Item 7 is already decided.', [
      { field: 'decisions[0].itemId', message: 'already decided' },
    ]);
    const failure = toNonRetryableFailure(err)!;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('item-decided');
    expect(failure.message).toBe('Item 7 is already decided.');
    expect(failure.details).toEqual([
      {
        status: 409,
        title: 'Item already decided',
        errors: [{ field: 'decisions[0].itemId', message: 'already decided' }],
      },
    ]);
  });

  it('carries an empty error list when the DomainError has none', () => {
    const failure = toNonRetryableFailure(notFound('Campaign', 'No campaign 12.'))!;
    expect(failure.type).toBe('not-found');
    expect(failure.details).toEqual([{ status: 404, title: 'Campaign not found', errors: [] }]);
  });

  it.each(['22001', '22P02', '22021', '22007'])('a PostgreSQL %s (class 22) is invalid-data, 400', (code) => {
    const failure = toNonRetryableFailure(pgError(code, 'invalid byte sequence for encoding "UTF8": 0x00'))!;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('invalid-data');
    expect(failure.message).toMatch(/cannot be stored/);
    expect(failure.details).toEqual([
      {
        status: 400,
        title: 'Value cannot be stored',
        errors: [{ field: '(body)', message: 'invalid byte sequence for encoding "UTF8": 0x00' }],
      },
    ]);
  });

  it('keeps at most 200 characters of the database message', () => {
    const failure = toNonRetryableFailure(pgError('22001', 'x'.repeat(5000)))!;
    const [detail] = failure.details as [{ errors: { message: string }[] }];
    expect(detail.errors[0].message).toBe('x'.repeat(200));
  });

  it.each(['23505', '23503', '23P01'])('a PostgreSQL %s (class 23) is constraint, 409', (code) => {
    const failure = toNonRetryableFailure(
      pgError(code, 'duplicate key value violates unique constraint "x"'),
    )!;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('constraint');
    expect(failure.message).toBe('The request conflicts with stored data.');
    expect(failure.details).toEqual([
      { status: 409, title: 'Request conflicts with stored data', errors: [] },
    ]);
  });

  it('reads the code of a TypeORM-wrapped driver error', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: pgError('23505') });
    expect(toNonRetryableFailure(wrapped)?.type).toBe('constraint');
  });

  it.each([
    ['an unavailable database', pgError('08006')],
    ['a refused connection', pgError('ECONNREFUSED')],
    ['a serialization failure', pgError('40001')],
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['null', null],
  ])('leaves %s retryable (undefined)', (_what, err) => {
    expect(toNonRetryableFailure(err)).toBeUndefined();
  });
});

describe('domainErrorOf', () => {
  it('rebuilds the DomainError an activity or workflow refused with', () => {
    const original = new DomainError(422, 'too-late', 'Campaign closed', 'Campaign 3 is closed.', [
      { field: 'itemId', message: 'in a closed campaign' },
    ]);
    const rebuilt = domainErrorOf(updateFailed(toNonRetryableFailure(original)));
    expect(rebuilt).toBeInstanceOf(DomainError);
    expect(rebuilt).toMatchObject({
      status: 422,
      code: 'too-late',
      title: 'Campaign closed',
      message: 'Campaign 3 is closed.',
      errors: [{ field: 'itemId', message: 'in a closed campaign' }],
    });
  });

  it.each([
    invalid('decisions[0].comment: is required', [{ field: 'decisions[0].comment', message: 'is required' }]),
    conflict('already-active', 'Campaign already active', 'It is active.'),
    notFound('Item'),
  ])('round-trips %p through a failure', (original) => {
    const rebuilt = domainErrorOf(updateFailed(toNonRetryableFailure(original)))!;
    expect({ ...rebuilt, message: rebuilt.message }).toEqual({
      status: original.status,
      code: original.code,
      title: original.title,
      message: original.message,
      errors: original.errors ?? [],
    });
  });

  it('rebuilds database refusals as the same problems', () => {
    expect(domainErrorOf(updateFailed(toNonRetryableFailure(pgError('22P02', 'bad input'))))).toMatchObject({
      status: 400,
      code: 'invalid-data',
      errors: [{ field: '(body)', message: 'bad input' }],
    });
    expect(domainErrorOf(updateFailed(toNonRetryableFailure(pgError('23505'))))).toMatchObject({
      status: 409,
      code: 'constraint',
    });
  });

  it('titles a refusal without a title "Refused"', () => {
    const failure = ApplicationFailure.create({ type: 'x', message: 'no', details: [{ status: 403 }] });
    expect(domainErrorOf(updateFailed(failure))).toMatchObject({ status: 403, code: 'x', title: 'Refused' });
  });

  it.each([
    ['InvalidTransition', 409, 'campaign-state'],
    ['campaign-not-active', 409, 'campaign-not-active'],
    ['validation', 400, 'validation'],
  ])('maps the workflow refusal %s, which carries no status, to %i %s', (type, status, code) => {
    const failure = ApplicationFailure.create({
      type,
      message: 'refused by the workflow',
      nonRetryable: true,
    });
    expect(domainErrorOf(updateFailed(failure))).toMatchObject({
      status,
      code,
      message: 'refused by the workflow',
    });
  });

  it.each([
    ['the failure itself, not wrapped in an Update failure', toNonRetryableFailure(notFound('Item'))],
    ['an Update failure without a cause', updateFailed(undefined)],
    ['an Update failure caused by a plain Error', updateFailed(new Error('boom'))],
    [
      'an ApplicationFailure without a type',
      updateFailed(ApplicationFailure.create({ message: 'no', details: [{ status: 400 }] })),
    ],
    [
      'an ApplicationFailure without details',
      updateFailed(ApplicationFailure.create({ type: 'x', message: 'no' })),
    ],
    [
      'details without a status',
      updateFailed(ApplicationFailure.create({ type: 'x', message: 'no', details: [{ title: 'T' }] })),
    ],
    ['a DomainError', notFound('Item')],
    ['undefined', undefined],
    ['a string', 'boom'],
  ])('is undefined for %s', (_what, err) => {
    expect(domainErrorOf(err)).toBeUndefined();
  });
});

describe('isTemporalUnavailable', () => {
  it('an Update that timed out or was cancelled: unavailable', () => {
    expect(isTemporalUnavailable(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'))).toBe(true);
  });

  it.each([
    [14, 'UNAVAILABLE', true],
    [4, 'DEADLINE_EXCEEDED', true],
    [5, 'NOT_FOUND', false],
    [3, 'INVALID_ARGUMENT', false],
    [13, 'INTERNAL', false],
    [1, 'CANCELLED', false],
  ])('gRPC code %d (%s): %p, bare or wrapped in a ServiceError', (code, _name, expected) => {
    expect(isTemporalUnavailable(grpcError(code))).toBe(expected);
    expect(isTemporalUnavailable(new ServiceError('call failed', { cause: grpcError(code) }))).toBe(expected);
  });

  it.each([
    ['a ServiceError without a gRPC cause', new ServiceError('call failed')],
    ['something shaped like gRPC but not an Error', { code: 14, details: 'x', metadata: {} }],
    ['an Error with code 14 but no gRPC details', Object.assign(new Error('x'), { code: 14 })],
    ['a database outage', pgError('ECONNREFUSED')],
    ['an Update failure', updateFailed(new Error('x'))],
    ['undefined', undefined],
    ['null', null],
  ])('is false for %s', (_what, err) => {
    expect(isTemporalUnavailable(err)).toBe(false);
  });
});

describe('toNonRetryableFailure on error-like objects', () => {
  it('classes a plain object with a class-22 SQLSTATE as bad data without throwing', () => {
    for (const err of [{ code: '22001' }, { driverError: { code: '22P02' } }]) {
      expect(toNonRetryableFailure(err)).toMatchObject({ type: 'invalid-data', nonRetryable: true });
    }
  });
});

describe('refusals are benign', () => {
  it('marks 4xx refusals BENIGN (logged at DEBUG by the SDK) and leaves 5xx ones ordinary', () => {
    expect(toNonRetryableFailure(notFound('Item'))?.category).toBe('BENIGN');
    expect(toNonRetryableFailure(Object.assign(new Error('bad'), { code: '22021' }))?.category).toBe(
      'BENIGN',
    );
    const unavailable = new DomainError(503, 'orchestration-unavailable', 'Down', 'Try again.');
    expect(toNonRetryableFailure(unavailable)?.category).toBeUndefined();
  });
});
