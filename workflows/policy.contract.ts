export type PolicyRunMode = 'campaign' | 'sweep';

export interface PolicyRunInput {
  policyId: string;
  mode: PolicyRunMode;
}

export interface PolicyRunResult {
  /** The campaign launched, or null when the sweep found nothing due. */
  campaignId: string | null;
  items: number;
}

export function policyScheduleId(policyId: string, mode: PolicyRunMode): string {
  return `policy-${policyId}-${mode}`;
}
