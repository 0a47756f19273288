import {
  type Client,
  ScheduleNotFoundError,
  type ScheduleOptions,
  type ScheduleSpec,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { policyScheduleId, PolicyRunMode } from '../../workflows/policy.contract';
import type { policyRunWorkflow } from '../../workflows/policy.workflow';
import type { ExecutionPlan } from './policy.schema';
import type { PolicyRow } from './policy.types';

const DAY_MS = 86_400_000;
const NEXT_RUNS = 3;

export interface ScheduleState {
  mode: PolicyRunMode;
  scheduleId: string;
  paused: boolean;
  nextRunTimes: string[];
}

/** Seed 002's execution plan as a Temporal schedule spec; months and years follow the calendar. */
export function specOf(plan: ExecutionPlan, anchorYear: number): ScheduleSpec {
  if (plan.scheduleType === 'CRON') return { cronExpressions: [plan.cron] };
  const n = plan.interval;
  switch (plan.intervalUnit) {
    case 'DAYS':
      return { intervals: [{ every: n * DAY_MS }] };
    case 'WEEKS':
      return { intervals: [{ every: n * 7 * DAY_MS }] };
    case 'MONTHS':
      return {
        calendars: [{ dayOfMonth: 1, hour: 6, month: { start: 'JANUARY', end: 'DECEMBER', step: n } }],
      };
    case 'YEARS':
      return {
        calendars: [
          {
            dayOfMonth: 1,
            hour: 6,
            month: 'JANUARY',
            // Temporal accepts years up to 2100.
            year: { start: anchorYear + 1, end: 2100, step: n },
          },
        ],
      };
  }
}

/**
 * The Temporal Schedules of policies: `policy-<id>-campaign` (campaign mode, the execution plan) and
 * `policy-<id>-sweep` (on-the-fly mode, every `sweepEveryMs`). They exist while the policy has the mode,
 * are paused while it is inactive, and go when it is deleted.
 */
export class PolicySchedules {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly sweepEveryMs: number,
  ) {}

  async sync(policy: PolicyRow): Promise<void> {
    const plan = policy.campaign_execution_plan;
    await this.apply(policy, 'campaign', plan ? specOf(plan, policy.created_at.getUTCFullYear()) : null);
    await this.apply(
      policy,
      'sweep',
      policy.recertification_period ? { intervals: [{ every: this.sweepEveryMs }] } : null,
    );
  }

  /** The policy's schedules as Temporal holds them: paused or not, and the next times they will start. */
  async describe(policyId: string): Promise<ScheduleState[]> {
    const states: ScheduleState[] = [];
    for (const mode of ['campaign', 'sweep'] as const) {
      try {
        const d = await this.client.schedule.getHandle(policyScheduleId(policyId, mode)).describe();
        states.push({
          mode,
          scheduleId: d.scheduleId,
          paused: d.state.paused,
          nextRunTimes: d.info.nextActionTimes.slice(0, NEXT_RUNS).map((t) => t.toISOString()),
        });
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }
    }
    return states;
  }

  async remove(policyId: string): Promise<void> {
    for (const mode of ['campaign', 'sweep'] as const) await this.delete(policyScheduleId(policyId, mode));
  }

  /** A run now, outside the schedule (`POST /policies/{id}/run`): once per request key, answered again after. */
  async runNow(policyId: string, mode: PolicyRunMode, requestKey: string) {
    const workflowId = `policy-${policyId}-${mode}-manual-${requestKey}`;
    try {
      return await this.client.workflow.start<typeof policyRunWorkflow>('policyRunWorkflow', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ policyId, mode }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return this.client.workflow.getHandle<typeof policyRunWorkflow>(workflowId);
    }
  }

  private async delete(scheduleId: string): Promise<void> {
    try {
      await this.client.schedule.getHandle(scheduleId).delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }

  private async apply(policy: PolicyRow, mode: PolicyRunMode, spec: ScheduleSpec | null): Promise<void> {
    const scheduleId = policyScheduleId(policy.id, mode);
    if (!spec) return this.delete(scheduleId);
    const note = policy.active ? `policy ${policy.id} is active` : `policy ${policy.id} is deactivated`;
    const options: ScheduleOptions = {
      scheduleId,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: 'policyRunWorkflow',
        workflowId: scheduleId,
        taskQueue: this.taskQueue,
        args: [{ policyId: policy.id, mode }],
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      state: { paused: !policy.active, note },
    };
    const handle = this.client.schedule.getHandle(scheduleId);
    try {
      // The paused state goes in the update itself: the scheduler applies a pause or unpause patch received
      // with an update before it, and the update's full state would then undo it.
      await handle.update((previous) => ({
        ...previous,
        spec,
        action: options.action,
        state: { ...previous.state, paused: !policy.active, note },
      }));
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      await this.client.schedule.create(options);
    }
  }
}
