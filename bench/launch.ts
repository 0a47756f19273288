import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SmtpSink } from '../test/support/smtp-sink';
import { syntheticLedger } from '../test/support/synthetic-ledger';
import { launchAndWait, startBenchOn } from './support';

// npm run bench:launch -- --items 100000 --reviewers 2000 [--topology embedded|prod]
// Builds a synthetic ledger, launches a campaign over all of it through the API and prints the seconds
// from the POST to `active`, to every reviewer task started and to every launch notice delivered at a
// local SMTP sink, then the seconds a bare INSERT … SELECT of the same rows takes.
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    reviewers: { type: 'string', default: '2000' },
    topology: { type: 'string', default: 'embedded' },
  },
});
const ITEMS = Number(values.items);
const REVIEWERS = Number(values.reviewers);

async function main(): Promise<void> {
  const sink = new SmtpSink(0, false);
  const smtpUrl = `smtp://127.0.0.1:${await sink.listen()}`;
  const recert = await startBenchOn(values.topology, 'recert-bench-launch', { SMTP_URL: smtpUrl });
  try {
    const admin = await recert.token('bench-admin', 'admin');
    const ledger = syntheticLedger(ITEMS, REVIEWERS);
    // Reviewers with an address: the launch is over when the last of them has been told.
    ledger.identities = ledger.identities.map((i) =>
      i.key.startsWith('mgr-') ? { ...i, email: `${i.key}@example.test` } : i,
    );
    let t = performance.now();
    await recert.api(admin, 'POST', '/api/v1/ledger/imports', ledger);
    const importSeconds = (performance.now() - t) / 1000;

    const posted = performance.now();
    const { campaign, seconds: launchSeconds } = await launchAndWait(recert, admin, `Bench ${ITEMS} items`, {
      notifications: { reminders: null, closingSoon: null, escalateAfter: null },
    });
    const tasks = await recert.waitForReviewerTasks(campaign.workflowId);
    const tasksSeconds = (performance.now() - posted) / 1000;
    while (sink.count < REVIEWERS) await new Promise((r) => setTimeout(r, 50));
    const noticesSeconds = (performance.now() - posted) / 1000;

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

    console.log(`topology ${values.topology}: items ${campaign.counts.total}, reviewers ${REVIEWERS}`);
    console.log(`ledger import (HTTP, ${ITEMS} assignments): ${importSeconds.toFixed(2)} s`);
    console.log(
      `campaign POST → active (items selected and reviewers resolved; reviewer tasks then start in the background): ${launchSeconds.toFixed(2)} s`,
    );
    console.log(`campaign POST → every reviewer task started (${tasks}): ${tasksSeconds.toFixed(2)} s`);
    console.log(
      `campaign POST → every launch notice delivered (${sink.count}): ${noticesSeconds.toFixed(2)} s`,
    );
    console.log(`bare INSERT … SELECT of the same rows: ${bareSeconds.toFixed(2)} s`);
    console.log(`ratio: ${(launchSeconds / bareSeconds).toFixed(2)}×`);
  } finally {
    await recert.stop();
    await sink.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
