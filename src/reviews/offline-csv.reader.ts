import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { limitedBody } from '../common/size-limit';
import { type OfflineBounds, tooLarge, tooManyColumns, tooManyRows, unreadable } from './offline-bounds';
import {
  columnsOf,
  isFilled,
  type OfflineRow,
  offlineRow,
  type ReadColumns,
  SHEET_COLUMNS,
} from './offline-sheet';

/** A record longer than this is not a row of the sheet, whatever its quotes say (one that never closes). */
const MAX_RECORD_CHARS = 64 * 1024;

/** The rows of an uploaded CSV as they stream in, refused at the first thing beyond `bounds`. */
export async function readCsv(input: Readable, bounds: OfflineBounds): Promise<OfflineRow[]> {
  const counted = limitedBody(input, bounds.bytes, () => tooLarge(bounds.bytes));
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  counted.on('error', (err) => parser.destroy(err));
  counted.pipe(parser);
  const rows: OfflineRow[] = [];
  let at: ReadColumns | undefined;
  let record = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      record++;
      if (cells.length > SHEET_COLUMNS) throw tooManyColumns(`row ${record}`, SHEET_COLUMNS);
      if (!at) {
        at = columnsOf(['', ...cells]);
        continue;
      }
      const row = offlineRow(record, at, (col) => cells[col - 1] ?? '');
      if (!isFilled(row)) continue;
      if (rows.length === bounds.rows) throw tooManyRows(bounds);
      rows.push(row);
    }
  } catch (err) {
    if (err instanceof CsvError) throw unreadable(`the file is not CSV (${err.message})`);
    throw err;
  } finally {
    input.unpipe(counted);
    counted.destroy();
    parser.destroy();
  }
  if (!at) columnsOf([]);
  return rows;
}
