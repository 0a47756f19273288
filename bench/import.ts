import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startBenchProdStack, startBenchRecert } from './support';

// npm run bench:import -- --assignments 1000000
// Writes a synthetic ledger as files (CSV, and the assignments as NDJSON too), streams them through
// POST /api/v1/ledger/imports, and prints for the assignments: rows per second of the CSV and of the
// NDJSON import (each into an empty assignment table) and of the CSV again (nothing changes), the seconds
// of a bare COPY of the same file into an unindexed table without constraints, the ratio, the seconds of
// one bare INSERT … SELECT of the same rows into the assignment table, and the API process's peak memory.
// `--topology prod` imports through one API process of the production topology (no worker in it).
const { values } = parseArgs({
  options: {
    assignments: { type: 'string', default: '1000000' },
    reviewers: { type: 'string', default: '10000' },
    topology: { type: 'string', default: 'embedded' },
  },
});
const ASSIGNMENTS = Number(values.assignments);
const REVIEWERS = Number(values.reviewers);
const PER_IDENTITY = 5;

/** Writes `lines` to a file through a stream, so that a file of any size never sits in memory. */
async function writeLines(file: string, lines: () => Generator<string>): Promise<number> {
  await pipeline(Readable.from(lines()), fs.createWriteStream(file));
  return fs.statSync(file).size;
}

function* identities(): Generator<string> {
  yield 'key,displayName,managerKey,department\n';
  yield 'default-reviewer,Default reviewer,,\n';
  for (let r = 0; r < REVIEWERS; r++) yield `mgr-${r},Manager ${r},,\n`;
  const users = Math.ceil(ASSIGNMENTS / PER_IDENTITY);
  for (let u = 0; u < users; u++) yield `user-${u},User ${u},mgr-${u % REVIEWERS},dept-${u % 40}\n`;
}

function* applications(): Generator<string> {
  yield 'key,name\n';
  for (let a = 0; a < 20; a++) yield `app-${a},Application ${a}\n`;
}

function* permissions(): Generator<string> {
  yield 'key,applicationKey,name\n';
  for (let p = 0; p < 200; p++) yield `perm-${p},app-${p % 20},Permission ${p}\n`;
}

const assignment = (i: number) => ({
  key: `as-${i}`,
  identityKey: `user-${Math.floor(i / PER_IDENTITY)}`,
  permissionKey: `perm-${(i * 7) % 200}`,
  origin: i % 3 === 0 ? 'policy' : 'manual',
  compliance: i % 10 === 0 ? 'non_compliant' : 'compliant',
});

function* assignmentsCsv(): Generator<string> {
  yield 'key,identityKey,permissionKey,origin,compliance\n';
  for (let i = 0; i < ASSIGNMENTS; i++) yield Object.values(assignment(i)).join(',') + '\n';
}

function* assignmentsNdjson(): Generator<string> {
  for (let i = 0; i < ASSIGNMENTS; i++) yield JSON.stringify(assignment(i)) + '\n';
}

/** A process's resident set size now, in MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The highest resident set size of a process while `work` runs, sampled every 50 ms. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, rssMb(pid));
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Where PostgreSQL's write-ahead log ends now. */
async function walLsn(pg: Client): Promise<string> {
  return (await pg.query<{ lsn: string }>('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn;
}

/** The bytes of write-ahead log written since `lsn`, by every session of the server. */
async function walBytesSince(pg: Client, lsn: string): Promise<number> {
  const { rows } = await pg.query<{ bytes: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS bytes',
    [lsn],
  );
  return Number(rows[0].bytes);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-bench-import-'));
  if (values.topology !== 'embedded' && values.topology !== 'prod') {
    throw new Error(`--topology: embedded or prod, not ${values.topology}`);
  }
  const recert =
    values.topology === 'prod'
      ? await startBenchProdStack('recert-bench-import', {}, 1).then((t) => ({ ...t, pid: t.apiPids()[0] }))
      : await startBenchRecert('recert-bench-import');
  const pg = new Client({ connectionString: recert.databaseUrl });
  try {
    const admin = await recert.token('bench-admin', 'admin');
    const upload = async (file: string, type: string, query: string) => {
      const t = performance.now();
      const res = await fetch(`${recert.base}/api/v1/ledger/imports?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': type },
        body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${file}: ${res.status} ${JSON.stringify(body)}`);
      return (performance.now() - t) / 1000;
    };
    const files = {
      identities: path.join(dir, 'identities.csv'),
      applications: path.join(dir, 'applications.csv'),
      permissions: path.join(dir, 'permissions.csv'),
      csv: path.join(dir, 'assignments.csv'),
      ndjson: path.join(dir, 'assignments.ndjson'),
    };
    await writeLines(files.identities, identities);
    await writeLines(files.applications, applications);
    await writeLines(files.permissions, permissions);
    const csvBytes = await writeLines(files.csv, assignmentsCsv);
    const ndjsonBytes = await writeLines(files.ndjson, assignmentsNdjson);

    const identitySeconds = await upload(files.identities, 'text/csv', 'collection=identities');
    await upload(files.applications, 'text/csv', 'collection=applications');
    await upload(files.permissions, 'text/csv', 'collection=permissions');

    await pg.connect();
    const idleMb = rssMb(recert.pid);
    const emptyAssignments = () => pg.query('TRUNCATE assignment CASCADE');
    const csv = await peakRss(recert.pid, () => upload(files.csv, 'text/csv', 'collection=assignments'));
    await emptyAssignments();
    const ndjson = await peakRss(recert.pid, () =>
      upload(files.ndjson, 'application/x-ndjson', 'collection=assignments'),
    );
    // The daily case: the same file again into the full table, where every row is compared and none written.
    const walBefore = await walLsn(pg);
    const again = await peakRss(recert.pid, () => upload(files.csv, 'text/csv', 'collection=assignments'));
    const againWalMb = (await walBytesSince(pg, walBefore)) / 1024 ** 2;

    // The least an import into the ledger can take: the same rows, references already resolved, put into
    // the empty assignment table (its indexes and reference checks) by one INSERT … SELECT.
    const assignmentColumns =
      'key, identity_id, permission_id, account_id, origin, compliance, status, frozen, strict, ' +
      'assigned_at, last_certified_at, import_id';
    await pg.query(`CREATE TABLE bench_resolved AS SELECT ${assignmentColumns} FROM assignment`);
    await emptyAssignments();
    const insertStarted = performance.now();
    await pg.query(`INSERT INTO assignment (${assignmentColumns}) SELECT * FROM bench_resolved`);
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    await pg.query(`DROP TABLE bench_resolved`);

    const bare = async (file: string, columns: string, options: string) => {
      await pg.query(`DROP TABLE IF EXISTS bench_bare_copy`);
      await pg.query(`CREATE TABLE bench_bare_copy (${columns})`);
      const t = performance.now();
      await pipeline(
        fs.createReadStream(file),
        pg.query(copyFrom(`COPY bench_bare_copy FROM STDIN ${options}`)),
      );
      const seconds = (performance.now() - t) / 1000;
      await pg.query(`DROP TABLE bench_bare_copy`);
      return seconds;
    };
    const bareCsv = await bare(
      files.csv,
      'key text, identity_key text, permission_key text, origin text, compliance text',
      '(FORMAT csv, HEADER true)',
    );
    // One line, one value: neither the delimiter nor the quote character occurs in the file.
    const bareNdjson = await bare(
      files.ndjson,
      'line text',
      `(FORMAT csv, DELIMITER E'\\x1f', QUOTE E'\\x1e')`,
    );

    const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
    console.log(
      `identities (${Math.ceil(ASSIGNMENTS / PER_IDENTITY) + REVIEWERS + 1} rows, CSV): ${identitySeconds.toFixed(2)} s`,
    );
    console.log(
      `${values.topology === 'prod' ? 'API process' : 'Recert process (API and worker)'} RSS before the ` +
        `assignment imports: ${idleMb.toFixed(0)} MB`,
    );
    console.log(
      `bare INSERT … SELECT of the ${ASSIGNMENTS} resolved assignments into the empty, indexed assignment ` +
        `table: ${insertSeconds.toFixed(2)} s`,
    );
    console.log(
      `CSV ${ASSIGNMENTS} assignments again, nothing changed: ${again.result.toFixed(2)} s, ` +
        `${(ASSIGNMENTS / again.result).toFixed(0)} rows/s; ${againWalMb.toFixed(0)} MB of WAL; ` +
        `API peak RSS ${again.peakMb.toFixed(0)} MB`,
    );
    for (const [name, run, bareSeconds, bytes] of [
      ['CSV', csv, bareCsv, csvBytes],
      ['NDJSON', ndjson, bareNdjson, ndjsonBytes],
    ] as const) {
      console.log(
        `${name} ${ASSIGNMENTS} assignments (${mb(bytes)} MB): ${run.result.toFixed(2)} s, ` +
          `${(ASSIGNMENTS / run.result).toFixed(0)} rows/s; bare COPY of the file ${bareSeconds.toFixed(2)} s; ` +
          `ratio ${(run.result / bareSeconds).toFixed(2)}×; ${(run.result / insertSeconds).toFixed(2)}× the bare ` +
          `INSERT; API peak RSS ${run.peakMb.toFixed(0)} MB`,
      );
    }
  } finally {
    await pg.end().catch(() => undefined);
    await recert.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
