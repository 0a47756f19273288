import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { CsvError, parse as parseCsv } from 'csv-parse';
import type { z } from 'zod';
import { findUnstorable } from '../common/storable-text';
import { fieldName } from '../common/zod-validation.pipe';
import { LEDGER_COLLECTIONS, LedgerCollection, ledgerImportSchema } from './ledger-import.schema';
import { LEDGER_SPECS } from './ledger.repository';

export type LedgerFileFormat = 'csv' | 'ndjson';

/**
 * The longest record read, in characters: a quote that never closes or a line that never ends is refused
 * here instead of being held in memory to the end of the file.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;
const recordTooLong = `is longer than ${MAX_RECORD_CHARS} characters (a quote or a line that never ends?)`;

/** One problem with one record of a file, named by the file's line (1 = the CSV header). */
export interface LineError {
  line: number;
  field: string;
  message: string;
}

export type FileEntry =
  | { line: number; collection: LedgerCollection; row: Record<string, unknown> }
  | { line: number; error: LineError };

const ROW_SCHEMAS = Object.fromEntries(
  LEDGER_COLLECTIONS.map((c) => [c, ledgerImportSchema.shape[c].unwrap().element]),
) as unknown as Record<LedgerCollection, z.ZodType<Record<string, unknown>>>;

function fieldTypes(collection: LedgerCollection): Map<string, string> {
  const types = new Map(LEDGER_SPECS[collection].columns.map((c) => [c.field, c.type as string]));
  return types.set('key', 'text').set('managerKey', 'text');
}

/** A CSV cell as the schema expects it: empty is absent, booleans and JSON objects spelled out. */
function cellValue(type: string | undefined, cell: string): unknown {
  if (cell === '') return undefined;
  if (type === 'boolean') {
    const lower = cell.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : cell;
  }
  if (type === 'jsonb') {
    try {
      return JSON.parse(cell) as unknown;
    } catch {
      return cell;
    }
  }
  return cell;
}

function validate(collection: LedgerCollection, line: number, candidate: unknown): FileEntry {
  const unstorable = findUnstorable(candidate);
  if (unstorable) return { line, error: { line, ...unstorable } };
  const parsed = ROW_SCHEMAS[collection].safeParse(candidate);
  if (parsed.success) return { line, collection, row: parsed.data };
  const issue = parsed.error.issues[0];
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
  return {
    line,
    error: { line, field: fieldName(issue.path) || keys || '(record)', message: issue.message },
  };
}

function newlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * The records of a CSV file of one collection (a header row naming the fields), validated one by one
 * as they stream in. A record with the wrong number of fields is reported and later ones still checked.
 * Records come as arrays with their raw text, the cheapest form of the parser's output; the raw text's
 * line breaks give each record's line, quoted line breaks included.
 */
async function* csvEntries(input: Readable, collection: LedgerCollection): AsyncGenerator<FileEntry> {
  const types = fieldTypes(collection);
  const parser = parseCsv({
    bom: true,
    raw: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let header: string[] | undefined;
  let nextLine = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = nextLine;
      nextLine += newlines(raw);
      if (!header) {
        header = record;
        const unknown = header.filter((h) => !types.has(h));
        if (unknown.length > 0) {
          const message = `not a field of ${collection} (fields: ${[...types.keys()].join(', ')})`;
          yield { line, error: { line, field: unknown.join(', '), message } };
          return;
        }
        continue;
      }
      if (record.length === 1 && record[0] === '') continue;
      if (record.length !== header.length) {
        const message = `has ${record.length} fields where the header has ${header.length}`;
        yield { line, error: { line, field: '(record)', message } };
        continue;
      }
      const row: Record<string, unknown> = {};
      for (let k = 0; k < header.length; k++) {
        const value = cellValue(types.get(header[k]), record[k]);
        if (value !== undefined) row[header[k]] = value;
      }
      yield validate(collection, line, row);
    }
  } catch (err) {
    // A CSV error the parser cannot get past (a quote never closed) ends the file there.
    if (!(err instanceof CsvError)) throw err;
    const line = err.code === 'CSV_MAX_RECORD_SIZE' ? nextLine : Number(err.lines) || nextLine;
    const message = err.code === 'CSV_MAX_RECORD_SIZE' ? recordTooLong : err.message;
    yield { line, error: { line, field: '(record)', message } };
  } finally {
    input.unpipe(parser);
    parser.destroy();
  }
}

/**
 * The records of an NDJSON file: one object per line, of `collection`, or each naming its own in a
 * `collection` field.
 */
async function* ndjsonEntries(input: Readable, collection?: LedgerCollection): AsyncGenerator<FileEntry> {
  const bounded = lineLengthLimit(MAX_RECORD_CHARS);
  input.on('error', (err) => bounded.destroy(err));
  input.pipe(bounded);
  const lines = createInterface({ input: bounded, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield { line, error: { line, field: '(record)', message: 'is not a JSON object' } };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line, error: { line, field: '(record)', message: 'is not a JSON object' } };
        continue;
      }
      const { collection: named, ...row } = value as Record<string, unknown>;
      const target = collection ?? named;
      if (
        !LEDGER_COLLECTIONS.includes(target as LedgerCollection) ||
        (collection && named !== undefined && named !== collection)
      ) {
        const message = collection
          ? `must be ${collection} (the collection of this import) or absent`
          : `must name one of ${LEDGER_COLLECTIONS.join(', ')}`;
        yield { line, error: { line, field: 'collection', message } };
        continue;
      }
      yield validate(target as LedgerCollection, line, row);
    }
  } catch (err) {
    // A line that never ends ends the file there, as a quote that never closes does in CSV.
    if (err !== LINE_TOO_LONG) throw err;
    yield { line: line + 1, error: { line: line + 1, field: '(record)', message: recordTooLong } };
  } finally {
    input.unpipe(bounded);
    bounded.destroy();
  }
}

const LINE_TOO_LONG = new Error('line too long');

/**
 * Passes bytes through, failing with LINE_TOO_LONG once `max` bytes have come without a line break:
 * readline (faster than the line splitters we measured) would hold such a line whole. One scan per chunk.
 */
function lineLengthLimit(max: number): Transform {
  let run = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const last = chunk.lastIndexOf(10);
      run = last === -1 ? run + chunk.length : chunk.length - last - 1;
      if (run > max) done(LINE_TOO_LONG);
      else done(null, chunk);
    },
  });
}

export function ledgerFileEntries(
  input: Readable,
  format: LedgerFileFormat,
  collection?: LedgerCollection,
): AsyncGenerator<FileEntry> {
  if (format === 'ndjson') return ndjsonEntries(input, collection);
  if (!collection) throw new Error('A CSV file holds one collection, which must be named');
  return csvEntries(input, collection);
}
