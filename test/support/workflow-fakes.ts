import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { campaignWorkflowId, type CampaignWorkflowInput } from '../../workflows/campaign.contract';
import type { campaignWorkflow } from '../../workflows/campaign.workflow';
import type { CampaignMailPlan, ReviewerWorkload } from '../../workflows/mail-plan';
import type { NotificationPlan, ReviewerTaskInput } from '../../workflows/reviewer.contract';
import { type ActivityRecorder, type FakeActivities, isoIn, type WorkerRun } from './workflow-env';

export const NO_MAIL: NotificationPlan = {
  reminderFirstMs: null,
  reminderEveryMs: null,
  closingSoonMs: null,
  escalateAfterMs: null,
};

/** A campaign's workflow input with a unique number and id; due in a minute unless told. */
export function campaignInput(overrides: Partial<CampaignWorkflowInput> = {}): CampaignWorkflowInput {
  return {
    campaignId: randomUUID(),
    number: `CAMP-${randomUUID().slice(0, 8)}`,
    title: 'Workflow tier',
    ownerKey: 'owner',
    dueAt: isoIn(60_000),
    onDueDate: 'not_reviewed',
    fanOutBatch: 100,
    ...overrides,
  };
}

/** A reviewer task's input: reviewer `ra` of a campaign launched now, due in a minute, with no mail. */
export function reviewerTaskInput(overrides: Partial<ReviewerTaskInput> = {}): ReviewerTaskInput {
  const number = `CAMP-${randomUUID().slice(0, 8)}`;
  return {
    campaignId: randomUUID(),
    number,
    title: 'Workflow tier',
    reviewerKey: 'ra',
    campaignWorkflowId: campaignWorkflowId(number),
    launchedAt: isoIn(0),
    dueAt: isoIn(60_000),
    plan: NO_MAIL,
    notifyLaunch: false,
    ...overrides,
  };
}

export interface CampaignWorld {
  /** Reviewer keys, in the order the fan-out pages through them. */
  reviewers?: string[];
  items?: number;
  /** The mail plan the campaign reads once the fan-out is done (null: the row is gone). */
  plan?: NotificationPlan | null;
  /** What each count of undecided items answers, in turn (the last one repeats). */
  pendingCounts?: number[];
}

export const workload = (items: number): ReviewerWorkload => ({
  top: items > 0 ? [{ key: 'ra', name: 'Rita Reviewer', pending: items }] : [],
  reviewers: items > 0 ? 1 : 0,
  items,
  at: new Date().toISOString(),
});

/**
 * The activities a campaign workflow (and the remediation launcher it starts) calls, answering as a
 * small campaign would: `items` items of `reviewers`, none decided until `pendingCounts` says so, its
 * mail plan counted from the activation.
 */
export function campaignActivities(world: CampaignWorld = {}): FakeActivities {
  const reviewers = world.reviewers ?? ['ra', 'rb'];
  const items = world.items ?? 4;
  const pendingCounts = [...(world.pendingCounts ?? [items])];
  // The plan is launch-relative, as the row's activation time is: the moment the workflow mirrors `active`.
  let activatedAt: string | undefined;
  const mailPlan = (): CampaignMailPlan | null =>
    world.plan === null
      ? null
      : { launchedAt: activatedAt ?? new Date().toISOString(), plan: world.plan ?? NO_MAIL };
  return {
    populateCampaign: async () => ({ total: items, pending: items }),
    setCampaignStatus: async ({ status }) => {
      if (status === 'active') activatedAt ??= new Date().toISOString();
    },
    startReviewerTasks: async ({ afterKey, limit }) => {
      const rest = afterKey === null ? reviewers : reviewers.slice(reviewers.indexOf(afterKey) + 1);
      const page = rest.slice(0, limit);
      return { started: page.length, nextKey: page.length === limit ? page[page.length - 1] : null };
    },
    campaignMailPlan: async () => mailPlan(),
    reviewerWorkload: async () => workload(items),
    campaignPending: async () => (pendingCounts.length > 1 ? pendingCounts.shift()! : pendingCounts[0]),
    signalReviewerTasks: async () => reviewers.length,
    resolveUndecided: async () => ({ pending: 0 }),
    createRemediations: async () => 2,
    sendEscalations: async () => ({ sent: 1, paused: false }),
    sendRemindersNow: async () => reviewers.length,
    startRemediations: async () => ({ started: 2, nextAfterId: null }),
    notifyRemediationAssignees: async () => 1,
  };
}

/** The refusal a workflow's Update validator or handler sent back: its failure type and message. */
export async function refusal(update: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) {
    throw new Error(`expected a refused update, got ${err === undefined ? 'a success' : String(err)}`);
  }
  return { type: err.cause.type ?? undefined, message: err.cause.message };
}

/** A promise the test resolves when it wants: an activity that waits on it holds its workflow there. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** When the campaign became active as its mail plan counts (no later than this): the first mirror. */
export const activation = (recorder: ActivityRecorder): number => recorder.of('setCampaignStatus')[0].at;

/** Starts the campaign workflow of `input` under its production workflow id on the test's worker. */
export const startCampaign = (run: WorkerRun, input: CampaignWorkflowInput) =>
  run.start<typeof campaignWorkflow>('campaignWorkflow', {
    workflowId: campaignWorkflowId(input.number),
    args: [input],
  });
