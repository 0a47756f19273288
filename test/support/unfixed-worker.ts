import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createReviewerActivities } from '../../activities/reviewer.activities';
import { CampaignRepository } from '../../src/campaigns/campaign.repository';
import { Database } from '../../src/database/database';
import { openDatabase } from '../../src/database/data-source';
import { LedgerLookupRepository } from '../../src/ledger/ledger.repository';
import { DecisionRecorder } from '../../src/reviews/decision-recorder';
import { ReviewItemRepository } from '../../src/campaigns/review-item.repository';

/**
 * The worker of the release before issue 10's fix, for test/poison-recovery.spec.ts: the same workflows
 * and the reviewer's confirm activity on the real database, without the interceptor that makes data
 * errors non-retryable. Run as its own process so that the test can kill it as an old release is
 * replaced (its local activity retries for ever, so it never stops by itself).
 */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: [] });
  const env = (name: string) => process.env[name] ?? `missing ${name}`;
  const db = new Database(await openDatabase(env('DATABASE_URL'), 2));
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
    namespace: env('TEMPORAL_NAMESPACE'),
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    identity: 'unfixed-release',
    workflowBundle: { codePath: env('WORKFLOW_BUNDLE') },
    activities: createReviewerActivities({
      recorder: new DecisionRecorder(
        db,
        new CampaignRepository(),
        new ReviewItemRepository(),
        new LedgerLookupRepository(),
      ),
    }),
  });
  console.log('Worker polling');
  await worker.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
