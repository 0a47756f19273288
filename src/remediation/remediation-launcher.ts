import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { launcherWorkflowId, LaunchScope } from '../../workflows/remediation.contract';
import type { remediationLauncherWorkflow } from '../../workflows/remediation.workflow';
import type { AppConfig } from '../config/config.schema';

const LAUNCH_PAGE = 500;

/** Starts the launcher of a scope once; a second call (retry, duplicate request) finds it started. */
export async function startRemediationLauncher(
  client: Client,
  config: AppConfig,
  scope: LaunchScope,
): Promise<void> {
  try {
    await client.workflow.start<typeof remediationLauncherWorkflow>('remediationLauncherWorkflow', {
      workflowId: launcherWorkflowId(scope),
      taskQueue: config.temporal.taskQueue,
      args: [{ scope, afterId: '0', batch: LAUNCH_PAGE }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
