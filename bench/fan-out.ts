import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ReviewerTaskInput } from '../workflows/reviewer.contract';
import { reviewerTaskOptions } from '../src/temporal/reviewer-tasks';
import type { reviewerTaskWorkflow } from '../workflows/reviewer.workflow';
import { type BenchTarget, startBenchOn } from './support';

// npm run bench:fanout -- --tasks 5000 --concurrency 50,200 [--topology prod]
// What bounds a launch's fan-out on this machine: starts real reviewer tasks (no mail, no campaign
// behind them: a task that owes nothing waits on its safety timer) straight from a client, as many at once
// as --concurrency says, and prints the start calls per second and the time until the topology's own
// workers have run every task's first workflow task. No database or SMTP work is in these figures.
const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50,200' },
    topology: { type: 'string', default: 'embedded' },
  },
});
const TASKS = Number(values.tasks);

function taskInput(round: string, n: number): ReviewerTaskInput {
  const number = `FAN-${round}`;
  return {
    campaignId: randomUUID(),
    number,
    title: `Fan-out bench ${round}`,
    reviewerKey: `rev-${n}`,
    campaignWorkflowId: `campaign-${number}`,
    launchedAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    plan: { reminderFirstMs: null, reminderEveryMs: null, closingSoonMs: null, escalateAfterMs: null },
    notifyLaunch: false,
  };
}

/** Waits until a workflow's first workflow task has been completed by a worker. */
async function firstTaskDone(target: BenchTarget, workflowId: string): Promise<void> {
  for (;;) {
    const { raw } = await target.temporal.workflow.getHandle(workflowId).describe();
    if (!raw.pendingWorkflowTask && Number(raw.workflowExecutionInfo?.historyLength ?? 0) > 2) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function round(target: BenchTarget, concurrency: number) {
  const name = `${concurrency}-${Date.now()}`;
  const ids: string[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let n = next++; n < TASKS; n = next++) {
        const handle = await target.temporal.workflow.start<typeof reviewerTaskWorkflow>(
          'reviewerTaskWorkflow',
          reviewerTaskOptions(target.taskQueue, taskInput(name, n)),
        );
        ids[n] = handle.workflowId;
      }
    }),
  );
  const startSeconds = (performance.now() - t0) / 1000;
  // Workers take tasks roughly in start order: every 100th and the last ones stand for the rest.
  for (let n = 0; n < TASKS; n += n < TASKS - 50 ? 100 : 1) await firstTaskDone(target, ids[n]);
  const doneSeconds = (performance.now() - t0) / 1000;
  return { concurrency, startSeconds, doneSeconds };
}

async function main(): Promise<void> {
  const target = await startBenchOn(values.topology, 'recert-bench-fanout');
  try {
    console.log(`topology ${values.topology}: ${TASKS} reviewer tasks per round`);
    for (const concurrency of values.concurrency.split(',').map(Number)) {
      const r = await round(target, concurrency);
      console.log(
        `${r.concurrency} starts at once: started in ${r.startSeconds.toFixed(2)} s (${(TASKS / r.startSeconds).toFixed(0)} starts/s); ` +
          `first workflow task of every task run after ${r.doneSeconds.toFixed(2)} s (${(TASKS / r.doneSeconds).toFixed(0)} tasks/s)`,
      );
    }
  } finally {
    await target.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
