import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RecertActivities } from '../activities';
import type { PolicyRunInput, PolicyRunResult } from './policy.contract';

const launch = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
});

/**
 * One occurrence of a policy's schedule (or a run asked for through the API): launches the campaign of
 * the policy's scope. The run's workflow id makes the launch idempotent across activity retries.
 */
export async function policyRunWorkflow(input: PolicyRunInput): Promise<PolicyRunResult> {
  return await launch.launchPolicyCampaign({ ...input, runId: workflowInfo().workflowId });
}
