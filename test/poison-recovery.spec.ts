import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { confirmUpdate } from '../workflows/reviewer.contract';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';
import { readTestEnv } from './support/test-env';
import { spawnUntilPolling } from './support/worker-process';
import { printTiming } from './support/timing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNFIXED = path.join(__dirname, '..', 'dist', 'test', 'support', 'unfixed-worker.js');

function spawnUnfixedWorker(recert: TestRecert): Promise<ChildProcess> {
  return spawnUntilPolling([UNFIXED], {
    DATABASE_URL: recert.databaseUrl,
    TEMPORAL_ADDRESS: recert.temporalAddress,
    TEMPORAL_NAMESPACE: recert.namespace,
    TEMPORAL_TASK_QUEUE: recert.config.temporal.taskQueue,
    WORKFLOW_BUNDLE: readTestEnv().workflowBundlePath,
  });
}

/**
 * Issue 10: a reviewer task that a release without the fix had left looping on a comment PostgreSQL
 * refuses (its confirm local activity retried for ever) recovers once the fixed worker takes over. The
 * release before the fix runs as its own process (test/support/unfixed-worker.ts) and is killed, as an
 * old release is replaced.
 */
describe('a reviewer task looping on a poison decision', () => {
  let recert: TestRecert;
  let unfixed: ChildProcess | undefined;

  beforeAll(async () => {
    recert = await TestRecert.start();
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(async () => {
    unfixed?.kill('SIGKILL');
    await recert.close();
  });

  it('recovers when the fixed worker takes over: the update fails with a 4xx refusal and decisions are fast again', async () => {
    const created = (
      await recert
        .as('root', 'admin')
        .post('/api/v1/campaigns', {
          title: 'Poisoned',
          dueAt: inDays(2),
          scope: { permissionKeys: ['crm-user'] },
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
        })
        .expect(201)
    ).body as CampaignView;
    await recert.waitForCampaign(created.id, 'active');
    const mgr = recert.as('mgr', 'reviewer');
    const items = (await mgr.get(`/api/v1/reviews?campaignId=${created.id}`).expect(200)).body.items as {
      id: string;
    }[];
    const task = recert.client.workflow.getHandle(`${created.workflowId}-reviewer-mgr`);
    await recert.stopWorker();

    unfixed = await spawnUnfixedWorker(recert);
    const poison = await task.startUpdate(confirmUpdate, {
      args: [{ actor: 'mgr', decisions: [{ itemId: items[0].id, decision: 'revoke', comment: 'a\u0000b' }] }],
      updateId: 'poison',
      waitForStage: 'ACCEPTED',
    });
    const loopingFrom = (await task.describe()).historyLength;
    await sleep(25_000);
    const looped = (await task.describe()).historyLength;
    // Workflow-task heartbeats while the local activity retries: the loop the issue saw.
    expect(looped - loopingFrom).toBeGreaterThanOrEqual(4);
    unfixed!.kill('SIGKILL');
    await new Promise((r) => unfixed!.once('exit', r));
    unfixed = undefined;

    await recert.startWorker();
    const outcome = await poison.result().then(
      () => 'accepted',
      (err: { cause?: { type?: string; nonRetryable?: boolean; details?: { status?: number }[] } }) =>
        err.cause,
    );
    expect(outcome).toMatchObject({ type: 'invalid-data', nonRetryable: true, details: [{ status: 400 }] });

    const started = Date.now();
    await mgr
      .post(`/api/v1/campaigns/${created.id}/decisions`, {
        decisions: [{ itemId: items[1].id, decision: 'approve' }],
      })
      .expect(200);
    printTiming('a decision once the poisoned update is refused', Date.now() - started);
    const settled = await eventually(async () => (await task.describe()).historyLength);
    await sleep(12_000);
    expect((await task.describe()).historyLength).toBe(settled);
    const [poisoned] = await recert.query<{ status: string }>(
      `SELECT status FROM review_item WHERE id = $1`,
      [items[0].id],
    );
    expect(poisoned.status).toBe('to_be_reviewed');
  }, 120_000);
});
