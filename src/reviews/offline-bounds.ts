import { DomainError, invalid } from '../common/domain-error';
import { MAX_COMMENT } from './review.schema';

/**
 * How much of an uploaded spreadsheet is read, from the number of items the reviewer has in the
 * campaign: the file Recert gave them, filled in, fits well within; a hostile file is refused as soon as
 * it goes beyond, before it costs memory or seconds.
 */
export interface OfflineBounds {
  /** The reviewer's items in the campaign: one row each in the file Recert gave. */
  items: number;
  /**
   * Rows with content read after the header: one per item, and a few more a person may have added by
   * mistake (an item twice, a row typed in), which are refused one by one; beyond, the file is refused.
   */
  rows: number;
  /** Bytes of the uploaded file. */
  bytes: number;
  /** Bytes of one part of an XLSX once inflated (the sheet, its shared strings). */
  partBytes: number;
}

/** What an item's row may take, a long comment and long labels included (~300 bytes is usual). */
const BYTES_PER_ITEM = 16 * 1024;
const BASE_BYTES = 256 * 1024;
const BASE_PART_BYTES = 1024 * 1024;

export function offlineBounds(items: number, uploadLimit: number): OfflineBounds {
  return {
    items,
    rows: items + Math.ceil(items / 10) + 10,
    bytes: Math.min(uploadLimit, BASE_BYTES + items * BYTES_PER_ITEM),
    partBytes: BASE_PART_BYTES + items * BYTES_PER_ITEM,
  };
}

/**
 * The longest text kept of each cell Recert reads; longer cells are cut one character beyond, so the row
 * is still refused by its rule (an item id no item has, a comment over MAX_COMMENT) without echoing it.
 */
export const CELL_BOUNDS = { itemId: 24, decision: 24, comment: MAX_COMMENT + 1, endDate: 24 } as const;

export function clip(text: string, bound: number): string {
  return text.length > bound ? text.slice(0, bound) : text;
}

export function tooManyRows(bounds: OfflineBounds) {
  return unreadable(
    `the file has more than ${bounds.rows} filled rows, where you have ${bounds.items} items in this campaign`,
  );
}

/** `where` (a row, a cell) lies beyond the `columns` of the sheet Recert gave: not its file. */
export function tooManyColumns(where: string, columns: number) {
  return unreadable(`${where} lies beyond the ${columns} columns of the sheet Recert gave you`);
}

export function tooLarge(bytes: number) {
  return new DomainError(
    413,
    'offline-file-too-large',
    'Spreadsheet too large',
    `The file is larger than ${bytes} bytes, more than a sheet of your items in this campaign takes.`,
  );
}

export function unreadable(message: string) {
  return invalid(`file: ${message}`, [{ field: 'file', message }]);
}
