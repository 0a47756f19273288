import type { RemediationState } from '../../activities/remediation.activities';
import {
  type RemediationLauncherInput,
  remediationClosedSignal,
  type RemediationWorkflowInput,
  remediationWorkflowId,
} from '../../workflows/remediation.contract';
import type { remediationLauncherWorkflow, remediationWorkflow } from '../../workflows/remediation.workflow';
import { detailsMatching, sleep, WorkerRun, WorkflowTestEnv } from '../support/workflow-env';

const GONE: RemediationState = { type: null, closed: null, status: null, ticket: null };
const ticket = (closed: 0 | 1 | 2, status: string): RemediationState => ({
  type: 'itsm',
  closed,
  status,
  ticket: 'INC0001',
});
const task = (closed: 0 | 1 | 2): RemediationState => ({
  type: 'embedded',
  closed,
  status: closed === 0 ? 'Open' : 'Done',
  ticket: null,
});

/** One remediation attempt (ITSM ticket polled on backing-off timers, or a task closed by signal) and the launcher. */
describe('remediation workflows', () => {
  let env: WorkflowTestEnv;
  beforeAll(async () => {
    env = await WorkflowTestEnv.open();
  });
  afterAll(() => env?.close());

  const startRemediation = (run: WorkerRun, input: RemediationWorkflowInput) =>
    run.start<typeof remediationWorkflow>('remediationWorkflow', {
      workflowId: remediationWorkflowId(input.remediationId, input.attempt),
      args: [input],
    });
  const polling = { attempt: 1, pollFirstMs: 200, pollMaxMs: 400 };

  it('polls an ITSM ticket on timers that double up to the maximum, until it closes done', async () => {
    const polls = ['New', 'In Progress', 'In Progress', 'On Hold'];
    const fakes = {
      openRemediation: async () => ticket(0, 'New'),
      pollTicket: async () => {
        const status = polls.shift();
        return status ? ticket(0, status) : ticket(1, 'Resolved');
      },
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startRemediation(run, { remediationId: 'r1', ...polling });
      await detailsMatching(handle, /\*\*Ticket:\*\* INC0001/);
      await expect(handle.result()).resolves.toBe('done');
      expect(run.recorder.names()).toEqual(['openRemediation', ...Array(5).fill('pollTicket')]);
      expect(new Set(run.recorder.calls.map((c) => JSON.stringify(c.input)))).toEqual(
        new Set([JSON.stringify({ remediationId: 'r1', attempt: 1 })]),
      );
      const at = run.recorder.calls.map((c) => c.at);
      const waits = at.slice(1).map((t, n) => t - at[n]);
      [200, 400, 400, 400, 400].forEach((least, n) => expect(waits[n]).toBeGreaterThanOrEqual(least));
      // Capped: doubling on, the last wait would have been 3.2 s.
      expect(waits[4]).toBeLessThan(3_200);
    });
  });

  it('ends cancelled when the ticket closes cancelled, and at once when its row is gone', async () => {
    const fakes = {
      openRemediation: async ({ remediationId }: { remediationId: string }) =>
        remediationId === 'gone' ? GONE : ticket(0, 'New'),
      pollTicket: async () => ticket(2, 'Cancelled'),
    };
    await env.withWorker(fakes, async (run) => {
      const cancelled = await startRemediation(run, { remediationId: 'r2', ...polling });
      const gone = await startRemediation(run, { remediationId: 'gone', ...polling });
      await expect(gone.result()).resolves.toBe('gone');
      await expect(cancelled.result()).resolves.toBe('cancelled');
      const callsOf = (workflowId: string) =>
        run.recorder.calls.filter((c) => c.workflowId === workflowId).map((c) => c.name);
      expect(callsOf(gone.workflowId)).toEqual(['openRemediation']);
      expect(callsOf(cancelled.workflowId)).toEqual(['openRemediation', 'pollTicket']);
    });
  });

  it('waits for a manual task’s closing signal, reading its row again on each, without polling', async () => {
    const states = [task(0), task(1)];
    const fakes = {
      openRemediation: async () => task(0),
      remediationState: async () => states.shift() ?? task(1),
    };
    await env.withWorker(fakes, async (run) => {
      const handle = await startRemediation(run, { remediationId: 'r3', ...polling });
      await run.recorder.waitFor('openRemediation');
      await sleep(1_000);
      expect(run.recorder.names()).toEqual(['openRemediation']);

      // A signal whose row is still open (a lost race) leaves the workflow waiting.
      await handle.signal(remediationClosedSignal);
      await run.recorder.waitFor('remediationState');
      await sleep(300);
      expect((await handle.describe()).status.name).toBe('RUNNING');

      await handle.signal(remediationClosedSignal);
      await expect(handle.result()).resolves.toBe('done');
      expect(run.recorder.inputs('remediationState')).toEqual([
        { remediationId: 'r3', attempt: 1 },
        { remediationId: 'r3', attempt: 1 },
      ]);
    });
  });

  it('launches remediation workflows a page at a time, then tells the task assignees once', async () => {
    const pages: Record<string, string | null> = { '0': '12', '12': '27', '27': null };
    const fakes = {
      startRemediations: async ({ afterId }: { afterId: string }) => ({
        started: pages[afterId] ? 2 : 1,
        nextAfterId: pages[afterId],
      }),
      notifyRemediationAssignees: async () => 3,
    };
    const input: RemediationLauncherInput = { scope: { importId: 'imp-7' }, afterId: '0', batch: 2 };
    await env.withWorker(fakes, async (run) => {
      const handle = await run.start<typeof remediationLauncherWorkflow>('remediationLauncherWorkflow', {
        args: [input],
      });
      await handle.result();
      expect(run.recorder.names()).toEqual([
        'startRemediations',
        'startRemediations',
        'startRemediations',
        'notifyRemediationAssignees',
      ]);
      expect(run.recorder.inputs('startRemediations')).toEqual(
        ['0', '12', '27'].map((afterId) => ({ scope: input.scope, afterId, limit: 2 })),
      );
      expect(run.recorder.inputs('notifyRemediationAssignees')).toEqual([{ scope: input.scope }]);
    });
  });
});
