import { Worker } from '@temporalio/worker';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';
import { readTestEnv } from './support/test-env';

/**
 * Found by `npm run chaos`: two confirmations of one reviewer arriving together became two Updates in
 * one workflow task, each running its local activity; a worker that later replayed the task (after a
 * kill) met a nondeterminism error, and every later confirm of that reviewer failed with "Workflow Task
 * in failed state". Confirmations are now taken one at a time, so the replay sees what the first run did.
 */
describe('confirmations sent at the same time by one reviewer', () => {
  let recert: TestRecert;

  beforeAll(async () => {
    recert = await TestRecert.start();
  });
  afterAll(() => recert.close());

  it('are all stored, and the reviewer task replays from its history on another worker', async () => {
    const admin = recert.as('root', 'admin');
    await admin.post('/api/v1/ledger/imports', smallLedger()).expect(200);
    const created = (
      await admin
        .post('/api/v1/campaigns', {
          title: 'Concurrent confirms',
          dueAt: inDays(5),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        })
        .expect(201)
    ).body as CampaignView;
    await recert.waitForCampaign(created.id, 'active');
    const mgr = recert.as('mgr', 'reviewer');
    const items = (await mgr.get(`/api/v1/reviews?campaignId=${created.id}`).expect(200)).body.items as {
      id: string;
    }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        items.map((item) =>
          mgr.post(`/api/v1/campaigns/${created.id}/decisions`, {
            decisions: [{ itemId: item.id, decision: round % 2 ? 'approve' : 'revoke' }],
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(items.map(() => 200));
    }
    const stored = (await mgr.get(`/api/v1/reviews?campaignId=${created.id}&status=revoke`).expect(200)).body
      .items as { id: string }[];
    expect(stored.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());

    const history = await recert.client.workflow
      .getHandle(`${created.workflowId}-reviewer-mgr`)
      .fetchHistory();
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: readTestEnv().workflowBundlePath } },
      history,
    );
  });
});
