import { parseArgs } from 'node:util';
import { CampaignRepository } from '../src/campaigns/campaign.repository';
import { ReviewItemRepository } from '../src/campaigns/review-item.repository';
import { openDatabase } from '../src/database/data-source';
import { Database } from '../src/database/database';
import { LedgerLookupRepository } from '../src/ledger/ledger.repository';
import { DecisionRecorder } from '../src/reviews/decision-recorder';
import { syntheticLedger } from '../test/support/synthetic-ledger';
import { type BenchTarget, launchAndWait, percentile, startBenchOn } from './support';

// npm run bench:decide -- --reviewers 500 --items 100000 --batch 100 [--concurrency 6] [--topology prod]
//   [--path api|database]
// Launches a campaign, then has every reviewer confirm all their items in calls of `batch` decisions,
// `concurrency` calls in flight at once across reviewers; prints decisions per second and the p50/p99
// latency of one confirm call. `--path database` makes the same calls straight into the confirm
// transaction (the rules and the SQL, from this process, on `concurrency` connections) with no HTTP and no
// Temporal: the ceiling the database part alone puts on the API path.
const { values } = parseArgs({
  options: {
    reviewers: { type: 'string', default: '500' },
    items: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '6' },
    topology: { type: 'string', default: 'embedded' },
    path: { type: 'string', default: 'api' },
  },
});
if (values.path !== 'api' && values.path !== 'database') throw new Error('--path: api or database');
const REVIEWERS = Number(values.reviewers);
const ITEMS = Number(values.items);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);

async function main(): Promise<void> {
  const recert = await startBenchOn(values.topology, 'recert-bench-decide');
  try {
    const admin = await recert.token('bench-admin', 'admin');
    await recert.api(admin, 'POST', '/api/v1/ledger/imports', syntheticLedger(ITEMS, REVIEWERS));
    const { campaign, seconds } = await launchAndWait(recert, admin, `Decide bench ${ITEMS} items`);
    console.log(`campaign active with ${campaign.counts.total} items in ${seconds.toFixed(2)} s`);
    const fanOut = performance.now();
    const tasks = await recert.waitForReviewerTasks(campaign.workflowId);
    console.log(
      `${tasks} reviewer tasks started in ${((performance.now() - fanOut) / 1000).toFixed(2)} s more`,
    );

    const calls: { reviewer: string; itemIds: string[] }[] = [];
    for (let r = 0; r < REVIEWERS; r++) {
      const reviewer = `mgr-${r}`;
      const token = await recert.token(reviewer, 'reviewer');
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await recert.api(
          token,
          'GET',
          `/api/v1/reviews?campaignId=${campaign.id}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        );
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      for (let i = 0; i < ids.length; i += BATCH) calls.push({ reviewer, itemIds: ids.slice(i, i + BATCH) });
    }
    // Interleave reviewers so that the calls in flight belong to different people, as in real life.
    calls.sort((a, b) => a.itemIds[0].localeCompare(b.itemIds[0]) || a.reviewer.localeCompare(b.reviewer));

    const confirm =
      values.path === 'api' ? viaApi(recert, campaign.id) : await viaDatabase(recert, campaign.id);
    const latencies: number[] = [];
    let next = 0;
    let decided = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < calls.length) {
          const call = calls[next++];
          const t = performance.now();
          await confirm.call(call.reviewer, call.itemIds);
          latencies.push(performance.now() - t);
          decided += call.itemIds.length;
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    await confirm.close();
    latencies.sort((a, b) => a - b);
    console.log(
      `topology ${values.topology}, path ${values.path}: reviewers ${REVIEWERS}, decisions ${decided}, batch ${BATCH}, calls ${calls.length}, in flight ${CONCURRENCY}`,
    );
    console.log(`decisions per second: ${(decided / wall).toFixed(0)} (${wall.toFixed(2)} s)`);
    console.log(
      `confirm call latency: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
    );
  } finally {
    await recert.stop();
  }
}

type Confirmer = { call(reviewer: string, itemIds: string[]): Promise<unknown>; close(): Promise<void> };

function viaApi(recert: BenchTarget, campaignId: string): Confirmer {
  return {
    call: async (reviewer, itemIds) =>
      recert.api(
        await recert.token(reviewer, 'reviewer'),
        'POST',
        `/api/v1/campaigns/${campaignId}/decisions`,
        {
          decisions: itemIds.map((itemId) => ({ itemId, decision: 'approve' })),
        },
      ),
    close: async () => undefined,
  };
}

async function viaDatabase(recert: BenchTarget, campaignId: string): Promise<Confirmer> {
  const dataSource = await openDatabase(recert.databaseUrl, CONCURRENCY + 1);
  const recorder = new DecisionRecorder(
    new Database(dataSource),
    new CampaignRepository(),
    new ReviewItemRepository(),
    new LedgerLookupRepository(),
  );
  return {
    call: (reviewer, itemIds) =>
      recorder.confirm(
        campaignId,
        reviewer,
        { decisions: itemIds.map((itemId) => ({ itemId, decision: 'approve' })) },
        { actor: reviewer, via: 'client:bench', requestId: null },
      ),
    close: () => dataSource.destroy(),
  };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
