import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { CampaignIdKey } from '../workflows/search-attributes';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { readTestEnv } from './support/test-env';

/** Twelve reviewers: reviewer i is the line manager of i + 1 users (so r11 has the most items). */
function twelveReviewers() {
  const reviewers = Array.from({ length: 12 }, (_, i) => ({ key: `r${i}`, displayName: `Reviewer ${i}` }));
  const users = reviewers.flatMap((r, i) =>
    Array.from({ length: i + 1 }, (_, j) => ({
      key: `u${i}-${j}`,
      displayName: `User ${i}-${j}`,
      managerKey: r.key,
    })),
  );
  return {
    identities: [{ key: 'dflt', displayName: 'Default' }, ...reviewers, ...users],
    applications: [{ key: 'app', name: 'App' }],
    permissions: [{ key: 'p', applicationKey: 'app', name: 'P' }],
    assignments: users.map((u) => ({ key: `${u.key}-p`, identityKey: u.key, permissionKey: 'p' })),
  };
}

/** What the Temporal Web UI shows of a workflow: its timers' summaries, in order, and its current details. */
describe('the Temporal UI explains campaigns and reviewer tasks', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', twelveReviewers()).expect(200);
  });
  afterAll(() => recert.close());

  async function timerSummaries(workflowId: string): Promise<string[]> {
    const history = await recert.client.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? [])
      .filter((e: temporal.api.history.v1.IHistoryEvent) => e.timerStartedEventAttributes)
      .map((e) => {
        const summary = e.userMetadata?.summary;
        return summary ? defaultPayloadConverter.fromPayload<string>(summary) : '(no summary)';
      });
  }

  /** The current details, read as the Web UI reads them. */
  async function currentDetails(workflowId: string): Promise<string> {
    const metadata = await recert.client.workflow
      .getHandle(workflowId)
      .query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    return metadata.currentDetails ?? '';
  }

  async function launch(notifications: object): Promise<CampaignView> {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Explained',
        dueAt: inDays(2),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications },
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  }

  it('labels every timer and shows what comes next and who has the most left', async () => {
    // Due in two days, reminders after 1 h then every 6 h: reminders at 1, 7, …, 43 h — eight of them.
    const c = await launch({
      reminders: { first: 'PT1H', every: 'PT6H' },
      closingSoon: 'PT12H',
      escalateAfter: 'PT3S',
    });
    const reviewerTask = `${c.workflowId}-reviewer-r11`;

    // The escalation's timer fires, the round goes out, and the campaign waits for its first reminder.
    const campaignTimers = await eventually(async () => {
      const found = await timerSummaries(c.workflowId);
      return found.length >= 2 ? found : undefined;
    }, 30_000);
    expect(campaignTimers.slice(0, 2)).toEqual(['escalation', 'reminder 1 of 8']);
    await eventually(async () => ((await timerSummaries(reviewerTask)).length ? true : undefined));
    expect(await timerSummaries(reviewerTask)).toEqual(['reminder 1 of 8']);

    const details = await eventually(async () => {
      const text = await currentDetails(c.workflowId);
      return text.includes('**Pending reviewers:**') && !text.includes('escalation on') ? text : undefined;
    });
    expect(details).toMatch(
      /\*\*Next:\*\* reminder 1 of 8 on \d{4}-\d\d-\d\d \d\d:\d\d UTC · closing-soon notice on/,
    );
    expect(details).toContain('**Pending reviewers:** 12 with 78 items');
    expect(details).toContain('1. Reviewer 11 (r11): 12 items');
    expect(details).toContain('10. Reviewer 2 (r2): 3 items');
    expect(details).not.toContain('(r1)');
    expect(details).toContain('…and 2 more reviewers with 3 items');

    const task = await currentDetails(reviewerTask);
    expect(task).toContain('**Reviewer:** r11');
    expect(task).toMatch(/\*\*Next mail:\*\* reminder 1 of 8 on /);
    const described = await recert.client.workflow.getHandle(reviewerTask).describe();
    expect(await described.staticSummary()).toBe(`${c.number} · reviewer r11 · Explained`);
    expect(await described.staticDetails()).toContain(`Campaign workflow: \`${c.workflowId}\``);
    expect(described.typedSearchAttributes.get(CampaignIdKey)).toBe(c.id);
    await admin().post(`/api/v1/campaigns/${c.id}/cancel`).expect(200);

    // The new path (the campaign's escalation round, plan and counts) replays as it ran.
    for (const workflowId of [c.workflowId, reviewerTask]) {
      const handle = recert.client.workflow.getHandle(workflowId);
      await handle.result();
      await Worker.runReplayHistory(
        { workflowBundle: { codePath: readTestEnv().workflowBundlePath } },
        await handle.fetchHistory(),
        workflowId,
      );
    }
  });

  it('labels the due date and the reviewer task’s safety check when no mail is planned', async () => {
    const c = await launch({ reminders: null, closingSoon: null, escalateAfter: null });
    const reviewerTask = `${c.workflowId}-reviewer-r0`;
    await eventually(async () => ((await timerSummaries(c.workflowId)).length ? true : undefined));
    expect(await timerSummaries(c.workflowId)).toEqual(['due date']);
    await eventually(async () => ((await timerSummaries(reviewerTask)).length ? true : undefined));
    expect(await timerSummaries(reviewerTask)).toEqual(['check that the campaign still runs']);
    await admin().post(`/api/v1/campaigns/${c.id}/cancel`).expect(200);
  });
});
