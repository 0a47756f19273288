import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { resolveTemporalCli } from '../src/embedded/temporal-cli';
import { Worker } from '@temporalio/worker';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';
import { readTestEnv } from './support/test-env';

const FIXTURES = path.join(__dirname, 'fixtures', 'histories');

/**
 * Determinism: the current workflow code must replay the histories of earlier versions (kept in
 * test/fixtures/histories) and of a campaign it has just run. RECORD_HISTORIES=<name> saves the new one there.
 */
describe('campaign workflow determinism', () => {
  let recert: TestRecert;
  const bundle = () => ({ workflowBundle: { codePath: readTestEnv().workflowBundlePath } });

  beforeAll(async () => {
    recert = await TestRecert.start();
  });
  afterAll(() => recert.close());

  it('replays the recorded histories of earlier versions', async () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));
      await Worker.runReplayHistory(bundle(), history, file);
    }
  });

  it('replays a campaign, a reviewer task and a remediation it has just run through decisions, pause, resume, closing and remediating', async () => {
    const admin = recert.as('root', 'admin');
    await admin.post('/api/v1/ledger/imports', smallLedger()).expect(200);
    const created = (
      await admin
        .post('/api/v1/campaigns', {
          title: 'Replayed',
          dueAt: inDays(2),
          scope: { permissionKeys: ['erp-user'] },
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        })
        .expect(201)
    ).body as CampaignView;
    const status = (s: string) => recert.waitForCampaign(created.id, s);
    await status('active');
    const mgr = recert.as('mgr', 'reviewer');
    const [item] = (await mgr.get(`/api/v1/reviews?campaignId=${created.id}`).expect(200)).body.items;
    await mgr
      .post(`/api/v1/campaigns/${created.id}/decisions`, {
        decisions: [{ itemId: item.id, decision: 'revoke' }],
      })
      .expect(200);
    await admin.post(`/api/v1/campaigns/${created.id}/pause`).expect(200);
    await admin.post(`/api/v1/campaigns/${created.id}/resume`).expect(200);
    await admin.post(`/api/v1/campaigns/${created.id}/finalize`).expect(200);
    await status('closed');

    const reviewerTask = `${created.workflowId}-reviewer-mgr`;
    await recert.client.workflow.getHandle(reviewerTask).result();
    const remediation = await eventually(async () => {
      const [r] = (await admin.get(`/api/v1/remediations?campaignId=${created.id}`).expect(200)).body.items;
      return r?.closedStatus === 0 ? (r as { id: string }) : undefined;
    });
    await admin.post(`/api/v1/remediations/${remediation.id}/close`, { outcome: 'done' }).expect(200);
    const remediationWorkflow = `remediation-${remediation.id}-1`;
    const launcher = `remediations-campaign-${created.id}`;
    await recert.client.workflow.getHandle(remediationWorkflow).result();
    await recert.client.workflow.getHandle(launcher).result();
    for (const [kind, workflowId] of [
      ['campaign', created.workflowId],
      ['reviewer-task', reviewerTask],
      ['remediation', remediationWorkflow],
      ['remediation-launcher', launcher],
    ]) {
      const history = await recert.client.workflow.getHandle(workflowId).fetchHistory();
      await Worker.runReplayHistory(bundle(), history, workflowId);
      if (process.env.RECORD_HISTORIES) {
        // The CLI writes the JSON form the UI exports and historyFromJSON reads.
        const json = execFileSync(await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH }), [
          'workflow',
          'show',
          '--output',
          'json',
          '--workflow-id',
          workflowId,
          '--namespace',
          recert.namespace,
          '--address',
          readTestEnv().temporalAddress,
        ]);
        fs.writeFileSync(path.join(FIXTURES, `${kind}-${process.env.RECORD_HISTORIES}.json`), json);
      }
    }
  });
});
