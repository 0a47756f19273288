import { temporal } from '@temporalio/proto';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { progressQuery } from '../workflows/campaign.contract';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';

const REVIEWERS = 23;
const BATCH = 5;
const EventType = temporal.api.enums.v1.EventType;

function orgWithManyReviewers() {
  const pad = (n: number) => String(n).padStart(2, '0');
  const managers = Array.from({ length: REVIEWERS }, (_, n) => ({
    key: `m${pad(n)}`,
    displayName: `Manager ${n}`,
  }));
  const users = Array.from({ length: REVIEWERS }, (_, n) => ({
    key: `u${pad(n)}`,
    displayName: `User ${n}`,
    managerKey: `m${pad(n)}`,
  }));
  return {
    identities: [{ key: 'dflt', displayName: 'Default' }, ...managers, ...users],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [
      { key: 'p1', applicationKey: 'app', name: 'P1' },
      { key: 'p2', applicationKey: 'app', name: 'P2' },
    ],
    assignments: users.flatMap((u) => [
      { key: `${u.key}-p1`, identityKey: u.key, permissionKey: 'p1' },
      { key: `${u.key}-p2`, identityKey: u.key, permissionKey: 'p2' },
    ]),
  };
}

/** The largest number of activities scheduled and not yet finished at any point of a history. */
function maxActivitiesInFlight(events: temporal.api.history.v1.IHistoryEvent[]): number {
  let open = 0;
  let max = 0;
  for (const e of events) {
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) max = Math.max(max, ++open);
    if (
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED ||
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED ||
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ||
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED
    ) {
      open--;
    }
  }
  return max;
}

describe(`fan-out: ${REVIEWERS} reviewers with a fan-out bound of ${BATCH}`, () => {
  let recert: TestRecert;

  beforeAll(async () => {
    recert = await TestRecert.start({ env: { RECERT_FANOUT_BATCH: String(BATCH) } });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', orgWithManyReviewers()).expect(200);
  });
  afterAll(() => recert.close());

  it('starts one reviewer task per reviewer, page by page, and keeps every history small', async () => {
    const res = await recert
      .as('root', 'admin')
      .post('/api/v1/campaigns', {
        title: 'Many reviewers',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      })
      .expect(201);
    const campaign: CampaignView = await recert.waitForCampaign(res.body.id, 'active');
    expect(campaign.counts.total).toBe(REVIEWERS * 2);

    // Reviewers may decide once the campaign is active; their tasks keep starting in the background.
    const handle = recert.client.workflow.getHandle(campaign.workflowId);
    const progress = await eventually(async () => {
      const p = await handle.query(progressQuery);
      return p.fanOutDone ? p : undefined;
    });
    expect(progress.reviewerTasks).toBe(REVIEWERS);
    const campaignHistory = (await handle.fetchHistory()).events!;
    const scheduled = campaignHistory.filter(
      (e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    );
    const fanOuts = scheduled.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'startReviewerTasks',
    );
    expect(fanOuts).toHaveLength(Math.ceil(REVIEWERS / BATCH));
    expect(maxActivitiesInFlight(campaignHistory)).toBe(1);
    expect(campaignHistory.length).toBeLessThan(80);

    const query = `RecertCampaignId = '${campaign.id}' AND WorkflowType = 'reviewerTaskWorkflow'`;
    const tasks = await eventually(async () => {
      const found = [];
      for await (const w of recert.client.workflow.list({ query })) found.push(w);
      return found.length === REVIEWERS ? found : undefined;
    });
    expect(tasks.map((t) => t.workflowId).sort()).toEqual(
      Array.from(
        { length: REVIEWERS },
        (_, n) => `${campaign.workflowId}-reviewer-m${String(n).padStart(2, '0')}`,
      ),
    );
    const sample = await recert.client.workflow.getHandle(tasks[0].workflowId).describe();
    expect(await sample.staticSummary()).toContain(campaign.number);

    for (let n = 0; n < REVIEWERS; n++) {
      const reviewer = recert.as(`m${String(n).padStart(2, '0')}`, 'reviewer');
      const items = (await reviewer.get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body.items;
      await reviewer
        .post(`/api/v1/campaigns/${campaign.id}/decisions`, {
          decisions: items.map((i: { id: string }) => ({ itemId: i.id, decision: 'approve' })),
        })
        .expect(200);
    }
    const closed = await recert.waitForCampaign(campaign.id, 'closed');
    expect(closed.counts).toMatchObject({ total: REVIEWERS * 2, ok: REVIEWERS * 2 });

    const finalHistory = (await recert.client.workflow.getHandle(campaign.workflowId).fetchHistory()).events!;
    expect(maxActivitiesInFlight(finalHistory)).toBe(1);
    // Decisions live in the reviewer tasks: the campaign's own history grows by each reviewer's end (a signal
    // and at most one workflow task of three events: how signals batch depends on the load), not by decisions.
    expect(finalHistory.length - campaignHistory.length).toBeLessThanOrEqual(REVIEWERS * 4 + 10);

    for (const t of tasks) {
      const handle = recert.client.workflow.getHandle(t.workflowId);
      await expect(handle.result()).resolves.toBe('closed');
      const events = (await handle.fetchHistory()).events!;
      expect(events.length).toBeLessThan(40);
      expect(maxActivitiesInFlight(events)).toBeLessThanOrEqual(1);
    }
  });
});
