import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { syntheticLedger } from '../test/support/synthetic-ledger';
import { launchAndWait, startBenchRecert } from './support';

// npm run bench:launch -- --items 100000 --reviewers 2000
// Builds a synthetic ledger, launches a campaign over all of it through the API and prints the seconds
// from the POST to `active`, then the seconds a bare INSERT … SELECT of the same rows takes.
const { values } = parseArgs({
  options: { items: { type: 'string', default: '100000' }, reviewers: { type: 'string', default: '2000' } },
});
const ITEMS = Number(values.items);
const REVIEWERS = Number(values.reviewers);

async function main(): Promise<void> {
  const recert = await startBenchRecert('recert-bench-launch');
  try {
    const admin = await recert.token('bench-admin', 'admin');
    let t = performance.now();
    await recert.api(admin, 'POST', '/api/v1/ledger/imports', syntheticLedger(ITEMS, REVIEWERS));
    const importSeconds = (performance.now() - t) / 1000;

    const { campaign, seconds: launchSeconds } = await launchAndWait(recert, admin, `Bench ${ITEMS} items`);

    const pg = new Client({ connectionString: recert.databaseUrl });
    await pg.connect();
    await pg.query(`CREATE TABLE bench_review_item (LIKE review_item INCLUDING ALL)`);
    t = performance.now();
    await pg.query(`INSERT INTO bench_review_item SELECT * FROM review_item WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const bareSeconds = (performance.now() - t) / 1000;
    await pg.query(`DROP TABLE bench_review_item`);
    await pg.end();

    console.log(`items ${campaign.counts.total}, reviewers ${REVIEWERS}`);
    console.log(`ledger import (HTTP, ${ITEMS} assignments): ${importSeconds.toFixed(2)} s`);
    console.log(
      `campaign POST → active (items selected and reviewers resolved; reviewer tasks then start in the background): ${launchSeconds.toFixed(2)} s`,
    );
    console.log(`bare INSERT … SELECT of the same rows: ${bareSeconds.toFixed(2)} s`);
    console.log(`ratio: ${(launchSeconds / bareSeconds).toFixed(2)}×`);
  } finally {
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
