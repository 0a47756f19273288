import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../src/embedded/free-port';
import { syntheticLedger } from '../test/support/synthetic-ledger';
import { launchAndWait, startBenchRecert } from './support';

// npm run bench:report -- --items 1000000
// A campaign of `items` items (written straight into PostgreSQL: the benchmark measures the export, not
// the launch), then its CSV report streamed from a separate API process: rows per second as the client
// receives them, and the API process's peak RSS (VmHWM) during the export.
const { values } = parseArgs({ options: { items: { type: 'string', default: '1000000' } } });
const ITEMS = Number(values.items);
const MAIN = path.join(__dirname, '..', 'src', 'main.js');

const memoryOf = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};

async function main(): Promise<void> {
  const recert = await startBenchRecert('recert-bench-report');
  let api: ReturnType<typeof spawn> | undefined;
  try {
    const admin = await recert.token('bench-admin', 'admin');
    await recert.api(admin, 'POST', '/api/v1/ledger/imports', syntheticLedger(10, 2));
    const { campaign } = await launchAndWait(recert, admin, `Bench report ${ITEMS} items`);
    await recert.api(admin, 'POST', `/api/v1/campaigns/${campaign.id}/cancel`);

    const pg = new Client({ connectionString: recert.databaseUrl });
    await pg.connect();
    let t = performance.now();
    await pg.query(
      `INSERT INTO review_item (campaign_id, kind, assignment_key, identity_key, application_key, permission_key,
                                label, owner_snapshot, accountable_reviewer_key, responsible_reviewer_key,
                                reviewer_origin, recommendation, status, comment, decided_by, decided_at)
       SELECT $1, 'right', 'bench-as-' || n, 'user-' || n / 5, 'app-' || n % 20, 'perm-' || n % 200,
              'User ' || n / 5 || ' · Application ' || n % 20 || ' · Permission ' || n % 200,
              jsonb_build_object('managerKey', 'mgr-' || n % 2000, 'department', 'dept-' || n % 40),
              'mgr-' || n % 2000, 'mgr-' || (n + (n % 7 = 0)::int) % 2000, 'linemanager', 'recommended',
              (ARRAY['ok', 'ok', 'ok', 'revoke', 'not_reviewed'])[1 + n % 5],
              CASE WHEN n % 5 = 3 THEN 'no longer needed, see ticket' END, 'mgr-' || n % 2000, now()
       FROM generate_series(1, $2::int) AS n`,
      [campaign.id, ITEMS],
    );
    await pg.query('ANALYZE review_item');
    console.log(`seeded ${ITEMS} items in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await pg.end();

    const port = await freePort();
    api = spawn(process.execPath, [MAIN, 'api'], {
      env: {
        ...recert.env,
        PORT: String(port),
        DATABASE_URL: recert.databaseUrl,
        TEMPORAL_ADDRESS: recert.temporalAddress,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    while (
      !(await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const before = memoryOf(api.pid!);
    let peak = before.rssMb;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(api!.pid!).rssMb);
    }, 50);

    t = performance.now();
    const res = await fetch(`${base}/api/v1/campaigns/${campaign.id}/report.csv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    if (!res.ok || !res.body) throw new Error(`report.csv answered ${res.status}`);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const after = memoryOf(api.pid!);
    const rows = lines - 1;
    console.log(`CSV rows: ${rows} (${(bytes / 1024 / 1024).toFixed(0)} MiB) in ${seconds.toFixed(2)} s`);
    console.log(`rows per second: ${Math.round(rows / seconds)}`);
    console.log(
      `API process RSS: ${before.rssMb.toFixed(0)} MB before, peak ${Math.max(peak, after.peakMb).toFixed(0)} MB (VmHWM ${after.peakMb.toFixed(0)} MB)`,
    );
  } finally {
    if (api) {
      api.kill('SIGINT');
      await new Promise((r) => api!.once('exit', r));
    }
    await recert.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
