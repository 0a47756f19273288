import {
  condition,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecertActivities } from '../activities';
import {
  RemediationLauncherInput,
  RemediationOutcome,
  remediationClosedSignal,
  RemediationWorkflowInput,
} from './remediation.contract';

const quick = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '1 minute' },
});

const bulk = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const CLOSED_LABEL = { 1: 'done', 2: 'cancelled' } as const;

/**
 * One remediation attempt (`remediation-<id>-<attempt>`): opens the manual task, provisioning order or
 * ITSM ticket, then waits for it to close: ITSM tickets are polled on timers that back off; tasks and
 * orders are closed through the API, which signals, with a daily look at the database in case a
 * signal was lost.
 */
export async function remediationWorkflow(input: RemediationWorkflowInput): Promise<RemediationOutcome> {
  let signalled = false;
  setHandler(remediationClosedSignal, () => {
    signalled = true;
  });
  // An unreachable or failing ITSM is retried with backoff for as long as it takes, each attempt visible
  // in the Temporal UI; a worker that dies mid-call is noticed at the deadline, and the retried creation
  // finds its ticket by correlation id first.
  const itsm = proxyActivities<RecertActivities>({
    startToCloseTimeout: input.itsmActivityTimeoutMs ?? 120_000,
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
  const ref = { remediationId: input.remediationId, attempt: input.attempt };
  let state = await itsm.openRemediation(ref);
  let wait = input.pollFirstMs;
  const describe = () =>
    setCurrentDetails(
      [
        `**Remediation** ${input.remediationId}, attempt ${input.attempt}`,
        `**Type:** ${state.type ?? 'gone'}`,
        `**Status:** ${state.status ?? 'gone'} (closed status ${state.closed ?? '–'})`,
        state.ticket ? `**Ticket:** ${state.ticket}` : '',
        state.type === 'itsm' && state.closed === 0 ? `**Next poll in:** ${Math.round(wait / 1000)} s` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
  describe();
  while (state.closed === 0 || state.closed === -1) {
    if (workflowInfo().continueAsNewSuggested) return await continueAsNew<typeof remediationWorkflow>(input);
    if (state.type === 'itsm') {
      await sleep(wait);
      wait = Math.min(wait * 2, input.pollMaxMs);
      state = await itsm.pollTicket(ref);
    } else {
      await condition(() => signalled, '1 day');
      signalled = false;
      state = await quick.remediationState(ref);
    }
    describe();
  }
  return state.closed === null ? 'gone' : CLOSED_LABEL[state.closed];
}

/**
 * Starts the remediation workflows of a campaign (or those a ledger import reopened) a page at a time,
 * then tells each manual-task assignee how many tasks wait for them.
 */
export async function remediationLauncherWorkflow(input: RemediationLauncherInput): Promise<void> {
  let afterId = input.afterId;
  for (;;) {
    if (workflowInfo().continueAsNewSuggested) {
      return await continueAsNew<typeof remediationLauncherWorkflow>({ ...input, afterId });
    }
    const page = await bulk.startRemediations({ scope: input.scope, afterId, limit: input.batch });
    setCurrentDetails(`Started remediation workflows up to remediation ${page.nextAfterId ?? afterId}`);
    if (!page.nextAfterId) break;
    afterId = page.nextAfterId;
  }
  await bulk.notifyRemediationAssignees({ scope: input.scope });
}
