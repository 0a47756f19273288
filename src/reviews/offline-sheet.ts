import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { CELL_BOUNDS, clip, unreadable } from './offline-bounds';

/** One of the reviewer's items as the spreadsheet lists it. */
export interface OfflineItem {
  id: string;
  identity: string;
  access: string;
  account: string;
  recommendation: string;
  notes: string;
  status: string;
  decision: OfflineDecisionLabel | '';
  comment: string;
  /** yyyy-mm-dd */
  endDate: string;
}

/** A row read back: its number in the file (the header is row 1) and the cells Recert reads. */
export interface OfflineRow {
  row: number;
  itemId: string;
  decision: string;
  comment: string;
  /** yyyy-mm-dd when the cell held a date, else the text as typed. */
  endDate: string;
}

export const OFFLINE_DECISIONS = { Approve: 'approve', Revoke: 'revoke', Update: 'update' } as const;
export type OfflineDecisionLabel = keyof typeof OFFLINE_DECISIONS;

/** Offered in the comment drop-down; any other text is accepted too. */
const SUGGESTED_COMMENTS = [
  'Still needed for the job',
  'No longer needed',
  'Changed role',
  'Not recognised',
  'Needed until a project ends',
];

const COLUMNS: { header: string; key: keyof OfflineItem; width: number }[] = [
  { header: 'Item', key: 'id', width: 10 },
  { header: 'Identity', key: 'identity', width: 28 },
  { header: 'Access', key: 'access', width: 48 },
  { header: 'Account', key: 'account', width: 16 },
  { header: 'Recommendation', key: 'recommendation', width: 18 },
  { header: 'Notes', key: 'notes', width: 22 },
  { header: 'Status', key: 'status', width: 16 },
  { header: 'Decision', key: 'decision', width: 12 },
  { header: 'Comment', key: 'comment', width: 40 },
  { header: 'End date', key: 'endDate', width: 14 },
];
/** A cell further right than the sheet's columns is not from the file Recert gave. */
export const SHEET_COLUMNS = COLUMNS.length;

const READ = { itemId: 'Item', decision: 'Decision', comment: 'Comment', endDate: 'End date' } as const;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The workbook a reviewer fills offline: one row per item, the decision a drop-down that takes nothing
 * else, the comment a drop-down of usual reasons that also takes free text, the end date a date after
 * today. A second sheet says how to fill it in.
 */
export async function writeXlsx(title: string, items: OfflineItem[], today: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Recert';
  const sheet = book.addWorksheet('Review', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const day = today.toISOString().slice(0, 10);
  for (const item of items) {
    const row = sheet.addRow({
      ...item,
      endDate: item.endDate ? new Date(`${item.endDate}T00:00:00Z`) : null,
    });
    row.getCell('decision').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${Object.keys(OFFLINE_DECISIONS).join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Decision',
      error: 'Choose Approve, Revoke or Update, or leave it empty to decide later.',
    };
    row.getCell('comment').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${SUGGESTED_COMMENTS.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'information',
      errorTitle: 'Comment',
      error: 'Not one of the usual reasons: your text is kept as it is.',
    };
    const end = row.getCell('endDate');
    end.numFmt = 'yyyy-mm-dd';
    end.dataValidation = {
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [new Date(`${day}T00:00:00Z`)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'End date',
      error: `For Update: the day the access ends, after ${day}.`,
    };
  }
  const help = book.addWorksheet('Instructions');
  help.getColumn(1).width = 110;
  [
    title,
    '',
    'In the Review sheet, choose a Decision for each item you have reviewed: Approve keeps the access,',
    'Revoke removes it, Update keeps it until the End date you give. Leave the Decision empty to decide later.',
    'The Comment explains the decision; the campaign may require one. Do not change the Item column.',
    'Then upload the file on the campaign page: valid rows become unconfirmed decisions, refused rows are',
    'listed with the reason. Nothing is final until you press Confirm decisions.',
  ].forEach((line) => help.addRow([line]));
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same rows as CSV; cells that a spreadsheet would run as formulas are escaped. */
export function writeCsv(items: OfflineItem[]): string {
  return stringify(items, {
    header: true,
    columns: COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    escape_formulas: true,
  });
}

export type ReadColumns = Record<keyof typeof READ, number>;

/** 1-based column of each cell Recert reads, found by header so that reordered columns still work. */
export function columnsOf(headers: string[]): ReadColumns {
  const lower = headers.map((h) => (h ?? '').trim().toLowerCase());
  const missing: string[] = [];
  const at = Object.fromEntries(
    Object.entries(READ).map(([key, header]) => {
      const col = lower.indexOf(header.toLowerCase());
      if (col < 1) missing.push(header);
      return [key, col];
    }),
  ) as ReadColumns;
  if (missing.length > 0) {
    throw unreadable(`the header row lacks ${missing.join(', ')}: upload the file Recert gave you`);
  }
  return at;
}

/** Row `row` of the file from its cells (1-based columns), each read cell trimmed and bounded. */
export function offlineRow(row: number, at: ReadColumns, cell: (col: number) => string): OfflineRow {
  const read = (key: keyof ReadColumns) => clip(cell(at[key]).trim(), CELL_BOUNDS[key]);
  return {
    row,
    itemId: read('itemId'),
    decision: read('decision'),
    comment: read('comment'),
    endDate: read('endDate'),
  };
}

/** A row with nothing in the cells Recert reads (an empty line, a formatted blank row) is skipped. */
export function isFilled(r: OfflineRow): boolean {
  return r.itemId !== '' || r.decision !== '' || r.comment !== '' || r.endDate !== '';
}
