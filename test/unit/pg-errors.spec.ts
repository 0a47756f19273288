import { databaseFailureKind } from '../../src/database/pg-errors';

/** Shaped like pg's DatabaseError: an Error with the SQLSTATE in `code`. */
const pgError = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
/** Shaped like TypeORM's QueryFailedError: the driver's error in `driverError`. */
const typeormError = (code: string) =>
  Object.assign(new Error('query failed'), { driverError: pgError(code) });

describe('databaseFailureKind', () => {
  it.each([
    ['22001', 'string_data_right_truncation'],
    ['22021', 'character_not_in_repertoire'],
    ['22P02', 'invalid_text_representation'],
    ['22P05', 'untranslatable_character'],
    ['22007', 'invalid_datetime_format'],
    ['22003', 'numeric_value_out_of_range'],
    ['2200G', 'most_specific_type_mismatch'],
  ])('class 22 %s (%s) is bad data', (code) => {
    expect(databaseFailureKind(pgError(code))).toBe('bad-data');
    expect(databaseFailureKind(typeormError(code))).toBe('bad-data');
  });

  it.each([
    ['23505', 'unique_violation'],
    ['23503', 'foreign_key_violation'],
    ['23502', 'not_null_violation'],
    ['23514', 'check_violation'],
    ['23P01', 'exclusion_violation'],
  ])('class 23 %s (%s) is a constraint', (code) => {
    expect(databaseFailureKind(pgError(code))).toBe('constraint');
    expect(databaseFailureKind(typeormError(code))).toBe('constraint');
  });

  it.each([
    ['08000', 'connection_exception'],
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['08P01', 'protocol_violation'],
    ['57P01', 'admin_shutdown'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['53300', 'too_many_connections'],
    ['ECONNREFUSED', 'socket'],
    ['ECONNRESET', 'socket'],
    ['ETIMEDOUT', 'socket'],
    ['EPIPE', 'socket'],
    ['EHOSTUNREACH', 'socket'],
    ['ENOTFOUND', 'dns'],
  ])('%s (%s) is unavailable', (code) => {
    expect(databaseFailureKind(pgError(code))).toBe('unavailable');
    expect(databaseFailureKind(typeormError(code))).toBe('unavailable');
  });

  it.each([
    ['40001', 'serialization_failure'],
    ['40P01', 'deadlock_detected'],
    ['57014', 'query_canceled'],
    ['57P04', 'database_dropped'],
    ['53200', 'out_of_memory'],
    ['42P01', 'undefined_table'],
    ['XX000', 'internal_error'],
    ['EAI_AGAIN', 'not in the list'],
    ['2200', 'too short'],
    ['220011', 'too long'],
    ['22p02', 'lower case'],
    ['x22001', 'prefixed'],
  ])('%s (%s) is none of them', (code) => {
    expect(databaseFailureKind(pgError(code))).toBeUndefined();
  });

  it('prefers the driver error’s code to the wrapper’s', () => {
    const err = Object.assign(pgError('ECONNRESET'), { driverError: { code: '23505' } });
    expect(databaseFailureKind(err)).toBe('constraint');
  });

  it('ignores codes that are not strings', () => {
    expect(databaseFailureKind({ code: 22001 })).toBeUndefined();
    expect(databaseFailureKind({ driverError: { code: 23505 } })).toBeUndefined();
    expect(databaseFailureKind({ code: null })).toBeUndefined();
  });

  it('reads plain objects carrying a code (pg errors are matched by shape, not class)', () => {
    expect(databaseFailureKind({ code: '22001' })).toBe('bad-data');
    expect(databaseFailureKind({ driverError: { code: '23505' } })).toBe('constraint');
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'CONNECTION TERMINATED',
  ])('a pool or socket message %j is unavailable', (message) => {
    expect(databaseFailureKind(new Error(message))).toBe('unavailable');
    // Even when the code says nothing about availability.
    expect(databaseFailureKind(pgError('XX000', message))).toBe('unavailable');
  });

  it('a class 22/23 code wins over a connection message', () => {
    expect(databaseFailureKind(pgError('23505', 'Connection terminated'))).toBe('constraint');
  });

  it('reads messages of Errors only', () => {
    expect(databaseFailureKind({ message: 'Connection terminated unexpectedly' })).toBeUndefined();
  });

  it.each([undefined, null, 'Connection terminated', 42, {}, [], new Error('boom')])(
    'knows nothing of %p',
    (err) => {
      expect(databaseFailureKind(err)).toBeUndefined();
    },
  );
});
