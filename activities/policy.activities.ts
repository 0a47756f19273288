import type { PolicyRunInput, PolicyRunResult } from '../workflows/policy.contract';
import type { PolicyLauncher } from '../src/policies/policy-launcher';

export interface PolicyActivityDeps {
  policyLauncher: PolicyLauncher;
}

export function createPolicyActivities({ policyLauncher }: PolicyActivityDeps) {
  return {
    async launchPolicyCampaign(input: PolicyRunInput & { runId: string }): Promise<PolicyRunResult> {
      return policyLauncher.launch(input.policyId, input.mode, input.runId);
    },
  };
}
