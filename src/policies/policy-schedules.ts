import {
  type Client,
  isGrpcServiceError,
  ScheduleNotFoundError,
  type ScheduleOptions,
  type ScheduleSpec,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { policyScheduleId, PolicyRunMode } from '../../workflows/policy.contract';
import type { policyRunWorkflow } from '../../workflows/policy.workflow';
import { invalid } from '../common/domain-error';
import type { ExecutionPlan } from './policy.schema';
import type { PolicyRow } from './policy.types';

const DAY_MS = 86_400_000;
const NEXT_RUNS = 3;
const MODES = ['campaign', 'sweep'] as const;
/**
 * How long a read of schedules may wait on Temporal before the policy is shown without them: a describe
 * is a query the scheduler workflow answers, which waits behind that workflow's other tasks.
 */
const READ_DEADLINE_MS = 3_000;
/** The most schedules Temporal returns in one page of its listing. */
const LISTING_PAGE = 1_000;
const GRPC_INVALID_ARGUMENT = 3;

const POLICY_SCHEDULE_ID = /^policy-(.+)-(campaign|sweep)$/;

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

  /**
   * The policy's schedules as Temporal holds them now: paused or not, and the next times they will start.
   * Both are described at once, within READ_DEADLINE_MS.
   */
  async describe(policyId: string): Promise<ScheduleState[]> {
    const described = await this.client.withDeadline(Date.now() + READ_DEADLINE_MS, () =>
      Promise.all(MODES.map((mode) => this.describeOne(policyId, mode))),
    );
    return described.filter((s): s is ScheduleState => s !== null);
  }

  /**
   * Every policy's schedules by policy id, from Temporal's listing of the namespace's schedules: one call
   * per thousand schedules however many policies are shown, and no query to a scheduler workflow. The
   * listing is Temporal's visibility store, which follows a change to a schedule a moment later.
   */
  async listed(): Promise<Map<string, ScheduleState[]>> {
    const byPolicy = new Map<string, ScheduleState[]>();
    await this.client.withDeadline(Date.now() + READ_DEADLINE_MS, async () => {
      for await (const schedule of this.client.schedule.list({ pageSize: LISTING_PAGE })) {
        const [, policyId, mode] = POLICY_SCHEDULE_ID.exec(schedule.scheduleId) ?? [];
        if (!policyId) continue;
        const states = byPolicy.get(policyId) ?? [];
        states.push({
          mode: mode as PolicyRunMode,
          scheduleId: schedule.scheduleId,
          paused: schedule.state.paused,
          nextRunTimes: schedule.info.nextActionTimes.slice(0, NEXT_RUNS).map((t) => t.toISOString()),
        });
        byPolicy.set(policyId, states);
      }
    });
    for (const states of byPolicy.values()) {
      states.sort((a, b) => MODES.indexOf(a.mode) - MODES.indexOf(b.mode));
    }
    return byPolicy;
  }

  private async describeOne(policyId: string, mode: PolicyRunMode): Promise<ScheduleState | null> {
    try {
      const d = await this.client.schedule.getHandle(policyScheduleId(policyId, mode)).describe();
      return {
        mode,
        scheduleId: d.scheduleId,
        paused: d.state.paused,
        nextRunTimes: d.info.nextActionTimes.slice(0, NEXT_RUNS).map((t) => t.toISOString()),
      };
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return null;
      throw err;
    }
  }

  async remove(policyId: string): Promise<void> {
    for (const mode of MODES) await this.delete(policyScheduleId(policyId, mode));
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
      try {
        // The paused state goes in the update itself: the scheduler applies a pause or unpause patch
        // received with an update before it, and the update's full state would then undo it.
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
    } catch (err) {
      throw refusedSpec(err, policy, mode) ?? err;
    }
  }
}

/**
 * Temporal's refusal of a campaign schedule's spec (INVALID_ARGUMENT) is the execution plan's fault, a
 * 400 naming it; the plan is checked before (policy-cron.ts), so this covers what the checks miss, such
 * as a plan stored before they existed. The sweep's spec comes from the configuration, not the request.
 */
function refusedSpec(err: unknown, policy: PolicyRow, mode: PolicyRunMode) {
  if (mode !== 'campaign') return undefined;
  const grpc = err instanceof ServiceError ? err.cause : err;
  // The SDK rethrows "Invalid schedule spec: <reason>" as a TypeError of the reason alone.
  const reason =
    err instanceof TypeError
      ? err.message
      : isGrpcServiceError(grpc) && grpc.code === GRPC_INVALID_ARGUMENT
        ? grpc.details
        : undefined;
  if (reason === undefined) return undefined;
  const field =
    policy.campaign_execution_plan?.scheduleType === 'CRON'
      ? 'campaignExecutionPlan.cron'
      : 'campaignExecutionPlan';
  const message = `Temporal refuses the schedule: ${reason}`;
  return invalid(`${field}: ${message}`, [{ field, message }]);
}
