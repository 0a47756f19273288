import { temporal } from '@temporalio/proto';
import { testPort } from './support/test-port';
import { resolveTemporalCli } from '../src/embedded/temporal-cli';
import { DevServer, startTemporalDevServer } from '../src/embedded/temporal-dev-server';
import { TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';

const EventType = temporal.api.enums.v1.EventType;
const SUGGEST_AT = 40;
const ITEMS = 24;

/**
 * A dev server of its own whose continue-as-new suggestion comes after 40 events instead of 4,096: the
 * campaign and the reviewer task must continue as new, and lose nothing doing so.
 */
describe(`continue-as-new when Temporal suggests it (after ${SUGGEST_AT} events)`, () => {
  let server: DevServer;
  let recert: TestRecert;
  const namespace = 'recert-can';

  beforeAll(async () => {
    server = await startTemporalDevServer({
      cliPath: await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH }),
      port: await testPort(),
      namespaces: [namespace],
      extraArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${SUGGEST_AT}`],
    });
    recert = await TestRecert.start({
      env: { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: namespace, RECERT_FANOUT_BATCH: '1' },
    });
    const users = Array.from({ length: ITEMS }, (_, n) => ({
      key: `u${n}`,
      displayName: `User ${n}`,
      managerKey: n < 8 ? `m${n}` : 'boss',
    }));
    await recert
      .as('root', 'admin')
      .post('/api/v1/ledger/imports', {
        identities: [
          { key: 'boss', displayName: 'Boss' },
          { key: 'dflt', displayName: 'Default' },
          ...Array.from({ length: 8 }, (_, n) => ({ key: `m${n}`, displayName: `Manager ${n}` })),
          ...users,
        ],
        applications: [{ key: 'app', name: 'App' }],
        permissions: [{ key: 'p', applicationKey: 'app', name: 'P' }],
        assignments: users.map((u) => ({ key: `${u.key}-p`, identityKey: u.key, permissionKey: 'p' })),
      })
      .expect(200);
  });
  afterAll(async () => {
    await recert?.close();
    await server?.stop();
  });

  async function runs(workflowId: string): Promise<number> {
    const listed = await recert.client.workflow.count(`WorkflowId = '${workflowId}'`);
    return listed.count;
  }

  it('carries a campaign and a busy reviewer task across runs with exact counts', async () => {
    const admin = recert.as('root', 'admin');
    const res = await admin
      .post('/api/v1/campaigns', {
        title: 'Long history',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      })
      .expect(201);
    const campaign = await recert.waitForCampaign(res.body.id, 'active');
    for (let n = 0; n < 4; n++) {
      await admin.post(`/api/v1/campaigns/${campaign.id}/pause`).expect(200);
      await admin.post(`/api/v1/campaigns/${campaign.id}/resume`).expect(200);
    }

    const boss = recert.as('boss', 'reviewer');
    const bossItems = (await boss.get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body
      .items as { id: string }[];
    expect(bossItems).toHaveLength(ITEMS - 8);
    for (const item of bossItems) {
      await boss
        .post(`/api/v1/campaigns/${campaign.id}/decisions`, {
          decisions: [{ itemId: item.id, decision: 'revoke' }],
        })
        .expect(200);
    }
    for (let n = 0; n < 8; n++) {
      const m = recert.as(`m${n}`, 'reviewer');
      const [item] = (await m.get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body.items;
      await m
        .post(`/api/v1/campaigns/${campaign.id}/decisions`, {
          decisions: [{ itemId: item.id, decision: 'approve' }],
        })
        .expect(200);
    }

    const closed = await recert.waitForCampaign(campaign.id, 'closed');
    expect(closed.counts).toMatchObject({ total: ITEMS, ok: 8, revoke: ITEMS - 8, to_be_reviewed: 0 });
    expect(await runs(campaign.workflowId)).toBeGreaterThan(1);
    const bossTask = `${campaign.workflowId}-reviewer-boss`;
    expect(await runs(bossTask)).toBeGreaterThan(1);
    await expect(recert.client.workflow.getHandle(bossTask).result()).resolves.toBe('closed');

    for (const id of [campaign.workflowId, bossTask]) {
      for await (const execution of recert.client.workflow.list({ query: `WorkflowId = '${id}'` })) {
        const events = (await recert.client.workflow.getHandle(id, execution.runId).fetchHistory()).events!;
        // Each run stops soon after the suggestion, never thousands of events past it. The longest stretch
        // without a check is the closing (finalizing, undecided items, remediations, closed, reviewer tasks told):
        // about 35 events.
        expect(events.length).toBeLessThan(SUGGEST_AT + 45);
        if (execution.status.name === 'CONTINUED_AS_NEW') {
          expect(events.at(-1)!.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
        }
      }
    }
    const audit = await recert.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_event WHERE campaign_id = $1 AND action = 'item.decided'`,
      [campaign.id],
    );
    expect(Number(audit[0].n)).toBe(ITEMS);
  });
});
