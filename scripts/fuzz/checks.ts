import type { Client as PgClient } from 'pg';

/** What an answer must never show: stack frames, file paths, SQL and driver errors. */
const INTERNALS: [string, RegExp][] = [
  ['a stack frame', /\bat [\w$.<>\s[\]]+ \(|\bat (?:async )?[\w$./<>-]+:\d+:\d+/],
  ['a file path', /node_modules|(?:\/[\w.-]+)+\.(?:[cm]?js|ts)\b|[\w-]+\.(?:ts|js):\d+/],
  [
    'an SQL error',
    /syntax error at or near|relation "|column "|violates [\w ]*constraint|duplicate key value|invalid input syntax for|SQLSTATE|QueryFailedError|current transaction is aborted/i,
  ],
  ['an SQL statement', /\b(?:SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i],
  [
    'a runtime error',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError: Unexpected|Cannot read propert)/,
  ],
];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** The rule a refused request's answer breaks, if any: problem+json with its status, nothing internal. */
export function problemViolation(answer: Answer): string | undefined {
  if (answer.status < 400 || answer.status >= 500) return undefined;
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `a ${answer.status} as ${answer.contentType || 'no content type'}, not problem+json`;
  }
  let problem: { type?: unknown; title?: unknown; status?: unknown; instance?: unknown };
  try {
    problem = JSON.parse(answer.text) as typeof problem;
  } catch {
    return `a ${answer.status} whose problem+json is not JSON`;
  }
  if (
    typeof problem.type !== 'string' ||
    typeof problem.title !== 'string' ||
    problem.status !== answer.status
  ) {
    return `a ${answer.status} whose problem lacks type, title or the same status`;
  }
  // `instance` is the request's own path, whatever the client put in it.
  const shown: Record<string, unknown> = { ...problem };
  delete shown.instance;
  return leak(JSON.stringify(shown));
}

export function leak(text: string): string | undefined {
  for (const [what, pattern] of INTERNALS) {
    const match = pattern.exec(text);
    if (match) return `shows ${what}: ${JSON.stringify(match[0].slice(0, 80))}`;
  }
  return undefined;
}

/**
 * Every table's row count and a hash of its rows, and the audit chain's head: two equal fingerprints mean
 * nothing was written in between.
 */
export class Fingerprint {
  private query?: string;

  constructor(private readonly db: PgClient) {}

  async take(): Promise<Map<string, string>> {
    if (!this.query) {
      const tables = await this.db.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables
         WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata') ORDER BY 1`,
      );
      this.query = tables.rows
        .map(
          ({ name }) =>
            `SELECT '${name}' AS name, count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) AS print FROM "${name}" t`,
        )
        .join(' UNION ALL ');
    }
    const rows = await this.db.query<{ name: string; print: string }>(this.query);
    return new Map(rows.rows.map((r) => [r.name, r.print]));
  }

  static changed(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...after].filter(([name, print]) => before.get(name) !== print).map(([name]) => name);
  }
}
