import { randomUUID } from 'node:crypto';
import { policySchema } from '../../src/policies/policy.schema';
import { PolicySchedules } from '../../src/policies/policy-schedules';
import type { PolicyRow } from '../../src/policies/policy.types';
import type { PolicyRunInput, PolicyRunResult } from '../../workflows/policy.contract';
import { policyBody } from '../support/policy-fixture';
import { pollFor, sleep, WorkflowTestEnv } from '../support/workflow-env';

/** A policy as its row, from a valid body (`policyBody`) with these overrides. */
function policyRow(id: string, overrides: Record<string, unknown>): PolicyRow {
  const p = policySchema.parse(policyBody(id, overrides));
  const now = new Date();
  return {
    id,
    name: p.name,
    description: p.description,
    active: p.active,
    identity_scope: p.identityScope,
    role_assignment_scope: p.roleAssignmentScope,
    recertification_period: p.recertificationPeriod,
    campaign_execution_plan: p.campaignExecutionPlan,
    workflow_strategy: p.workflowStrategy,
    owner_key: 'owner',
    created_at: now,
    updated_at: now,
  };
}

/** A policy's runs — on its Temporal Schedule or asked for — through the schedules the API keeps. */
describe('policy run workflow', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  const launched = (campaignId: string | null, items: number): PolicyRunResult => ({ campaignId, items });

  it('launches once per request key, the run’s workflow id the launch’s idempotency key across retries', async () => {
    const policyId = `p-${randomUUID().slice(0, 8)}`;
    let attempts = 0;
    const fakes = {
      launchPolicyCampaign: async (_: PolicyRunInput & { runId: string }) => {
        if (++attempts === 1) throw new Error('PostgreSQL went away');
        return launched('c-1', 3);
      },
    };
    await env.withWorker(fakes, async (run) => {
      const schedules = new PolicySchedules(run.client, run.taskQueue, 60_000);
      const handle = await schedules.runNow(policyId, 'campaign', 'key-1');
      await expect(handle.result()).resolves.toEqual({ campaignId: 'c-1', items: 3 });
      const again = await schedules.runNow(policyId, 'campaign', 'key-1');
      await expect(again.result()).resolves.toEqual({ campaignId: 'c-1', items: 3 });

      const runId = `policy-${policyId}-campaign-manual-key-1`;
      expect(handle.workflowId).toBe(runId);
      expect(run.recorder.calls.map((c) => [c.attempt, c.input])).toEqual([
        [1, { policyId, mode: 'campaign', runId }],
        [2, { policyId, mode: 'campaign', runId }],
      ]);
    });
  });

  it('runs a sweep on its schedule, each occurrence under its own run id, and none once the policy is inactive', async () => {
    const policyId = `p-${randomUUID().slice(0, 8)}`;
    const fakes = { launchPolicyCampaign: async () => launched(null, 0) };
    await env.withWorker(fakes, async (run) => {
      const schedules = new PolicySchedules(run.client, run.taskQueue, 1_000);
      const policy = policyRow(policyId, { active: true, recertificationPeriod: 'P6M' });
      try {
        await schedules.sync(policy);
        const runs = await run.recorder.waitFor('launchPolicyCampaign', 2);
        for (const { input, workflowId } of runs) {
          expect(input).toEqual({ policyId, mode: 'sweep', runId: workflowId });
          expect(workflowId).toMatch(new RegExp(`^policy-${policyId}-sweep-\\d{4}-\\d\\d-\\d\\dT`));
        }
        expect(new Set(runs.map((r) => r.workflowId)).size).toBe(runs.length);

        await schedules.sync({ ...policy, active: false });
        // The scheduler applies the pause a moment after the update.
        await pollFor(
          async () => ((await schedules.describe(policyId))[0]?.paused ? true : undefined),
          'the pause',
        );
        // A run the scheduler started before it applied the pause may still arrive.
        await sleep(1_500);
        const before = run.recorder.calls.length;
        await sleep(2_000);
        expect(run.recorder.calls.length).toBe(before);
      } finally {
        await schedules.remove(policyId);
      }
    });
  });
});
