/** A Markdown table on stdout, as the notes on the issues quote them. */
export function printTable(title: string, rows: Record<string, string>[]): void {
  const keys = Object.keys(rows[0] ?? {});
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => `| ${cells.map((c, n) => c.padEnd(width[n])).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(keys));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(keys.map((k) => r[k])));
}
