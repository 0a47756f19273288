import { defineSignal } from '@temporalio/workflow';

export interface RemediationWorkflowInput {
  remediationId: string;
  /** A remediation reopened by verification runs again under a new attempt, with a new ticket. */
  attempt: number;
  /** First wait before reading an ITSM ticket; doubles up to `pollMaxMs`. */
  pollFirstMs: number;
  pollMaxMs: number;
  /** Deadline of one activity that talks to an ITSM: its HTTP calls' own deadlines, and some margin. */
  itsmActivityTimeoutMs?: number;
}

export type RemediationOutcome = 'done' | 'cancelled' | 'gone';

export type LaunchScope = { campaignId: string } | { importId: string };

export interface RemediationLauncherInput {
  scope: LaunchScope;
  /** Where the launch stopped, carried across continue-as-new. */
  afterId: string;
  batch: number;
}

/** The API closed the manual task or provisioning order: the workflow reads it and ends. */
export const remediationClosedSignal = defineSignal('remediationClosed');

export function remediationWorkflowId(remediationId: string, attempt: number): string {
  return `remediation-${remediationId}-${attempt}`;
}

export function launcherWorkflowId(scope: LaunchScope): string {
  return 'campaignId' in scope
    ? `remediations-campaign-${scope.campaignId}`
    : `remediations-import-${scope.importId}`;
}
