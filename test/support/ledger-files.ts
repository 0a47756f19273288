type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as a CSV file: a header of every field any row has, then one line per row (RFC 4180 quoting). */
export function toCsv(rows: Row[], fields = [...new Set(rows.flatMap((r) => Object.keys(r)))]): string {
  return [fields.join(','), ...rows.map((r) => fields.map((f) => cell(r[f])).join(','))].join('\n') + '\n';
}

/** Collections as one NDJSON file, each line naming its collection, in the order given. */
export function toNdjson(lines: { collection: string; row: Row }[]): string {
  return lines.map(({ collection, row }) => JSON.stringify({ collection, ...row })).join('\n') + '\n';
}

/** The ledger's tables and its imports. */
export const LEDGER_TABLES = [
  'identity',
  'application',
  'permission',
  'account',
  'assignment',
  'ledger_import',
];

/** How many rows each ledger table holds: what a refused import must leave as it was. */
export async function ledgerRowCounts(recert: {
  query<T>(text: string): Promise<T[]>;
}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of LEDGER_TABLES) {
    counts[table] = Number((await recert.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  }
  return counts;
}
