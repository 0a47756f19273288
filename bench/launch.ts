import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { signToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config/config.schema';
import { run } from '../src/runtime';
import { freePort } from '../src/embedded/free-port';

// npm run bench:launch -- --items 100000 --reviewers 2000
// Builds a synthetic ledger, launches a campaign over all of it through the API and prints the seconds
// from the POST to `active`, then the seconds a bare INSERT … SELECT of the same rows takes.
const { values } = parseArgs({
  options: { items: { type: 'string', default: '100000' }, reviewers: { type: 'string', default: '2000' } },
});
const ITEMS = Number(values.items);
const REVIEWERS = Number(values.reviewers);
const PER_IDENTITY = 5;

function syntheticLedger() {
  const users = Math.ceil(ITEMS / PER_IDENTITY);
  const identities = [
    { key: 'default-reviewer', displayName: 'Default reviewer' },
    ...Array.from({ length: REVIEWERS }, (_, r) => ({ key: `mgr-${r}`, displayName: `Manager ${r}` })),
    ...Array.from({ length: users }, (_, u) => ({
      key: `user-${u}`,
      displayName: `User ${u}`,
      managerKey: `mgr-${u % REVIEWERS}`,
      department: `dept-${u % 40}`,
    })),
  ];
  const applications = Array.from({ length: 20 }, (_, a) => ({ key: `app-${a}`, name: `Application ${a}` }));
  const permissions = Array.from({ length: 200 }, (_, p) => ({
    key: `perm-${p}`,
    applicationKey: `app-${p % 20}`,
    name: `Permission ${p}`,
  }));
  const assignments = Array.from({ length: ITEMS }, (_, i) => ({
    key: `as-${i}`,
    identityKey: `user-${Math.floor(i / PER_IDENTITY)}`,
    permissionKey: `perm-${(i * 7) % 200}`,
    origin: i % 3 === 0 ? 'policy' : 'manual',
    compliance: i % 10 === 0 ? 'non_compliant' : 'compliant',
  }));
  return { identities, applications, permissions, assignments };
}

async function api(base: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-bench-'));
  const port = await freePort();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: 'recert-bench',
  });
  const stop = await run('start', config);
  const base = `http://127.0.0.1:${port}`;
  const token = signToken(config.jwtSecret, 'bench-admin', ['admin']);
  try {
    const ledger = syntheticLedger();
    let t = performance.now();
    await api(base, token, 'POST', '/api/v1/ledger/imports', ledger);
    const importSeconds = (performance.now() - t) / 1000;

    t = performance.now();
    const campaign = await api(base, token, 'POST', '/api/v1/campaigns', {
      title: `Bench ${ITEMS} items`,
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'default-reviewer' },
    });
    let status = campaign.status;
    let counts: Record<string, number> = {};
    while (status !== 'active') {
      await new Promise((r) => setTimeout(r, 50));
      const current = await api(base, token, 'GET', `/api/v1/campaigns/${String(campaign.id)}`);
      status = current.status;
      counts = current.counts as Record<string, number>;
    }
    const launchSeconds = (performance.now() - t) / 1000;

    const url =
      config.database.url ?? `postgres://postgres:postgres@127.0.0.1:${config.database.embeddedPort}/recert`;
    const pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query(`CREATE TABLE bench_review_item (LIKE review_item INCLUDING ALL)`);
    t = performance.now();
    await pg.query(`INSERT INTO bench_review_item SELECT * FROM review_item WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const bareSeconds = (performance.now() - t) / 1000;
    await pg.query(`DROP TABLE bench_review_item`);
    await pg.end();

    console.log(`items ${counts.total}, reviewers ${REVIEWERS}`);
    console.log(`ledger import (HTTP, ${ITEMS} assignments): ${importSeconds.toFixed(2)} s`);
    console.log(`campaign POST → active: ${launchSeconds.toFixed(2)} s`);
    console.log(`bare INSERT … SELECT of the same rows: ${bareSeconds.toFixed(2)} s`);
    console.log(`ratio: ${(launchSeconds / bareSeconds).toFixed(2)}×`);
  } finally {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
