import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import * as yauzl from 'yauzl';
import { DomainError } from '../common/domain-error';
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
import { MAX_COMMENT } from './review.schema';

/**
 * An uploaded workbook read within bounds. exceljs (which writes the sheet) reads a workbook whole and
 * inflates every part of it, so a small file can cost gigabytes: here only the four parts the rows need
 * are inflated, each streamed and counted against a bound, and the sheet is read row by row with a
 * streaming XML parser that never resolves entities.
 */
export async function readXlsx(input: Readable, bounds: OfflineBounds): Promise<OfflineRow[]> {
  const file = await readWhole(input, bounds.bytes);
  const zip = await openZip(file);
  try {
    const workbook = await readWorkbook(zip);
    const shared = workbook.sharedStrings ? await readSharedStrings(zip, workbook.sharedStrings, bounds) : [];
    return await readSheet(zip, workbook, shared, bounds);
  } finally {
    zip.file.close();
  }
}

/** Workbook metadata (workbook.xml and its relations) is small in every real file. */
const MAX_METADATA_BYTES = 1024 * 1024;
const MAX_ENTRIES = 1000;
/** Shared strings keep no more than the longest cell Recert reads (a comment) and one character. */
const MAX_CELL_CHARS = MAX_COMMENT + 1;
const notXlsx = () => unreadable('the file is not an XLSX workbook');

async function readWhole(input: Readable, limit: number): Promise<Buffer> {
  const counted = limitedBody(input, limit, () => tooLarge(limit));
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of counted as AsyncIterable<Buffer>) chunks.push(chunk);
  } finally {
    input.unpipe(counted);
  }
  return Buffer.concat(chunks);
}

interface Zip {
  file: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

function openZip(buffer: Buffer): Promise<Zip> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, file) => {
      if (err || !file) return reject(notXlsx());
      const entries = new Map<string, yauzl.Entry>();
      file.on('error', () => reject(notXlsx()));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entries.size === MAX_ENTRIES) {
          file.close();
          return reject(unreadable(`the workbook holds more than ${MAX_ENTRIES} parts`));
        }
        entries.set(entry.fileName, entry);
        file.readEntry();
      });
      file.on('end', () => resolve({ file, entries }));
      file.readEntry();
    });
  });
}

/**
 * Streams part `name` inflated into `parser`, refusing it once it passes `limit` bytes (its declared
 * size is checked first; yauzl also fails a part that inflates beyond what it declares).
 */
async function parsePart(zip: Zip, name: string, limit: number, parser: SaxesParser): Promise<void> {
  const entry = zip.entries.get(name);
  if (!entry) throw notXlsx();
  const beyond = () => unreadable(`the workbook's part ${name} is larger than ${limit} bytes once inflated`);
  if (entry.uncompressedSize > limit) throw beyond();
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.file.openReadStream(entry, (err, s) => (err || !s ? reject(notXlsx()) : resolve(s))),
  );
  const inflated = limitedBody(stream, limit, beyond);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of inflated as AsyncIterable<Buffer>) write(parser, decoder.write(chunk));
  } catch (err) {
    // yauzl's own check of the declared size, a bad CRC or deflate stream: not a workbook.
    if (err instanceof DomainError) throw err;
    throw notXlsx();
  } finally {
    stream.unpipe(inflated);
    stream.destroy();
  }
  write(parser, decoder.end());
  try {
    parser.close();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw unreadable(`the workbook's part ${name} is not XML`);
  }
}

function write(parser: SaxesParser, text: string): void {
  try {
    parser.write(text);
  } catch (err) {
    // A bound passed inside a handler (too many rows, a column too far) is the answer; anything else is
    // saxes refusing the text.
    if (err instanceof DomainError) throw err;
    throw unreadable('the workbook is not valid XML');
  }
}

/** The element's name without its namespace prefix (`x:row` in some writers). */
const local = (tag: { name: string }) => tag.name.slice(tag.name.indexOf(':') + 1);

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (key === name || key.endsWith(`:${name}`)) return value;
  }
  return undefined;
}

interface Workbook {
  sheet: string;
  sharedStrings?: string;
  date1904: boolean;
}

/** The Review sheet (else the first), where its shared strings are, and the workbook's date system. */
async function readWorkbook(zip: Zip): Promise<Workbook> {
  const sheets: { name: string; rel: string }[] = [];
  let date1904 = false;
  const book = new SaxesParser();
  book.on('opentag', (tag) => {
    const name = local(tag);
    if (name === 'sheet')
      sheets.push({ name: attribute(tag, 'name') ?? '', rel: attribute(tag, 'id') ?? '' });
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(tag, 'date1904') ?? '');
  });
  await parsePart(zip, 'xl/workbook.xml', MAX_METADATA_BYTES, book);

  const targets = new Map<string, string>();
  let sharedStrings: string | undefined;
  const rels = new SaxesParser();
  rels.on('opentag', (tag) => {
    if (local(tag) !== 'Relationship') return;
    const target = partPath(attribute(tag, 'Target') ?? '');
    targets.set(attribute(tag, 'Id') ?? '', target);
    if ((attribute(tag, 'Type') ?? '').endsWith('/sharedStrings')) sharedStrings = target;
  });
  await parsePart(zip, 'xl/_rels/workbook.xml.rels', MAX_METADATA_BYTES, rels);

  const chosen = sheets.find((s) => s.name === 'Review') ?? sheets[0];
  const sheet = chosen && targets.get(chosen.rel);
  if (!sheet) throw unreadable('the workbook has no sheet');
  return { sheet, sharedStrings, date1904 };
}

/** A relation's target, relative to xl/ unless absolute. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join('xl', target));
}

async function readSharedStrings(zip: Zip, name: string, bounds: OfflineBounds): Promise<string[]> {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  // Phonetic runs (<rPh>) annotate the text; they are not part of it.
  let phonetic = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const name = local(tag);
    if (name === 'si') current = '';
    else if (name === 't') inText = true;
    else if (name === 'rPh') phonetic++;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag);
    if (name === 'si' && current !== undefined) {
      strings.push(current);
      current = undefined;
    } else if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
  });
  parser.on('text', (text) => {
    if (current !== undefined && inText && phonetic === 0 && current.length < MAX_CELL_CHARS) {
      current = (current + text).slice(0, MAX_CELL_CHARS);
    }
  });
  await parsePart(zip, name, bounds.partBytes, parser);
  return strings;
}

async function readSheet(
  zip: Zip,
  workbook: Workbook,
  shared: string[],
  bounds: OfflineBounds,
): Promise<OfflineRow[]> {
  const rows: OfflineRow[] = [];
  let at: ReadColumns | undefined;
  let rowNumber = 0;
  let cells = new Map<number, string>();
  let column = 0;
  let cell: { ref: string; type: string; text: string } | undefined;
  let inValue = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const name = local(tag);
    if (name === 'row') {
      rowNumber = Number(attribute(tag, 'r')) || rowNumber + 1;
      cells = new Map();
      column = 0;
    } else if (name === 'c') {
      const ref = attribute(tag, 'r') ?? '';
      column = columnOf(ref) || column + 1;
      if (column > SHEET_COLUMNS) throw tooManyColumns(`cell ${ref || column}`, SHEET_COLUMNS);
      cell = { ref, type: attribute(tag, 't') ?? 'n', text: '' };
    } else if (cell && (name === 'v' || name === 't')) inValue = true;
  });
  parser.on('text', (text) => {
    if (cell && inValue && cell.text.length < MAX_CELL_CHARS) {
      cell.text = (cell.text + text).slice(0, MAX_CELL_CHARS);
    }
  });
  parser.on('closetag', (tag) => {
    const name = local(tag);
    if (name === 'v' || name === 't') inValue = false;
    else if (name === 'c' && cell) {
      cells.set(column, cellText(cell, shared, at !== undefined && column === at.endDate, workbook));
      cell = undefined;
    } else if (name === 'row') {
      if (!at) {
        at = columnsOf(Array.from({ length: SHEET_COLUMNS + 1 }, (_, c) => cells.get(c) ?? ''));
        return;
      }
      const row = offlineRow(rowNumber, at, (col) => cells.get(col) ?? '');
      if (!isFilled(row)) return;
      if (rows.length === bounds.rows) throw tooManyRows(bounds);
      rows.push(row);
    }
  });
  await parsePart(zip, workbook.sheet, bounds.partBytes, parser);
  if (!at) columnsOf([]);
  return rows;
}

/** 1-based column of a cell reference such as `J12`; 0 when there is none. */
function columnOf(ref: string): number {
  let column = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    if (column > SHEET_COLUMNS) return column;
  }
  return column;
}

const DAY_MS = 86_400_000;
/** Day 0 of each date system: Excel's 1900 system counts from 1899-12-30 (its 1900-02-29 included). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function cellText(
  cell: { type: string; text: string },
  shared: string[],
  isDate: boolean,
  workbook: Workbook,
): string {
  switch (cell.type) {
    case 's':
      return shared[Number(cell.text)] ?? '';
    case 'b':
      return cell.text === '1' ? 'TRUE' : 'FALSE';
    case 'd':
      return isDate ? cell.text.slice(0, 10) : cell.text;
    case 'n': {
      const serial = Number(cell.text);
      if (!isDate || cell.text === '' || !Number.isFinite(serial)) return cell.text;
      const day = (workbook.date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(serial) * DAY_MS;
      return Number.isFinite(day) && Math.abs(serial) < 3_000_000
        ? new Date(day).toISOString().slice(0, 10)
        : cell.text;
    }
    default:
      return cell.text;
  }
}
