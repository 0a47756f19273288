import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecertActivities } from '../activities';
import {
  ActorRef,
  applyDecisionsUpdate,
  cancelUpdate,
  CampaignCarriedState,
  CampaignState,
  CampaignWorkflowInput,
  FailureType,
  finalizeUpdate,
  itemsMayBeDoneSignal,
  pauseUpdate,
  progressQuery,
  remindNowUpdate,
  resumeUpdate,
} from './campaign.contract';
import { CampaignMailPlan, planDetails, ReviewerWorkload, upcomingMoments } from './mail-plan';
import { launcherWorkflowId } from './remediation.contract';
import { remediationLauncherWorkflow } from './remediation.workflow';
import { CampaignStateKey } from './search-attributes';

const bulk = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Reminders sent now: a worker that dies mid-batch is noticed within 15 s and the batch resumes.
const mail = proxyActivities<RecertActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// An escalation round: one digest per recipient, claimed one by one, so a retry sends only what is left.
const digests = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const quick = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

/** Changes the workflow makes on its own: the due date, the last decision, the launch. */
const SYSTEM: ActorRef = { actor: 'system' };

/** A requester carried over a continue-as-new: older runs carried the actor key alone. */
const requester = (by: ActorRef | string | null | undefined): ActorRef | null =>
  typeof by === 'string' ? { actor: by } : (by ?? null);

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: FailureType.InvalidTransition, message, nonRetryable: true });
}

/**
 * A campaign (`campaign-CAMP-000042`): the single gatekeeper of its state. Reviewers' decisions go to
 * their own reviewer tasks and are gated by the campaign row in PostgreSQL, which this workflow mirrors.
 */
export async function campaignWorkflow(
  input: CampaignWorkflowInput,
  carried?: CampaignCarriedState,
): Promise<CampaignState> {
  let state: CampaignState = carried?.state ?? 'init';
  let mirrored: CampaignState = state;
  let pending = carried?.pending ?? 0;
  let total = carried?.total ?? 0;
  let reviewers = carried?.reviewers ?? 0;
  let fanOutAfter = carried?.fanOutAfter ?? null;
  let finalizeRequestedBy = requester(carried?.finalizeRequestedBy);
  let cancelRequestedBy = requester(carried?.cancelRequestedBy);
  let checkPending = carried?.checkPending ?? false;
  let applyRequested = carried?.applyRequested ?? null;
  let applied: number | null = null;
  let changes = 0;
  const dueAt = Date.parse(input.dueAt);
  // Escalations were each reviewer task's own mail (one per reviewer, so a manager of nine got nine):
  // campaigns started since send one digest per recipient from here. Runs carried over keep their way.
  const escalationDigest = carried ? carried.escalationDigest === true : patched('escalation-digest');
  let escalationSent = carried?.escalationSent ?? false;
  let pausedMs = carried?.pausedMs ?? 0;
  let pausedSince = carried?.pausedSince ?? null;
  let escalationHeldUntil = 0;
  /** Undefined until read once the fan-out is done; null for a campaign row that is gone. */
  let mailPlan: CampaignMailPlan | null | undefined;
  let workload: ReviewerWorkload | null = null;
  const moments = () =>
    mailPlan
      ? upcomingMoments(
          mailPlan.plan,
          Date.parse(mailPlan.launchedAt),
          dueAt,
          pausedMs,
          Date.now(),
          escalationSent,
        )
      : [];

  // Mirrors run one after the other so the database never sees transitions out of order.
  let mirrorQueue: Promise<unknown> = Promise.resolve();
  const mirror = (to: CampaignState, by: ActorRef): Promise<unknown> => {
    mirrorQueue = mirrorQueue
      .then(() => quick.setCampaignStatus({ campaignId: input.campaignId, status: to, ...by }))
      .then(() => {
        mirrored = to;
      });
    return mirrorQueue;
  };

  const describe = (): void => {
    const waitingFor: Record<CampaignState, string> = {
      init: 'selecting items and resolving reviewers',
      active: `reviewer decisions${fanOutAfter === 'done' ? '' : ' (reviewer tasks still starting)'}, the due date ${input.dueAt}, finalize or cancel`,
      paused: 'resume, finalize or cancel',
      finalizing: 'undecided items to follow the due-date rule',
      closed:
        input.manualApply && applied === null
          ? 'an administrator to apply the decisions (POST …/apply-decisions)'
          : 'nothing: the campaign is closed',
      cancelled: 'nothing: the campaign is cancelled',
    };
    setCurrentDetails(
      [
        `**${input.number}** · ${input.title}`,
        `**State:** ${state}`,
        `**Items:** ${total} total, ${pending} to review (as of the last count)`,
        `**Reviewers:** ${reviewers} reviewer tasks`,
        `**Due:** ${input.dueAt} (undecided items then become: ${input.onDueDate})`,
        `**Waiting for:** ${waitingFor[state]}`,
        ...(mailPlan && (state === 'active' || state === 'paused')
          ? planDetails(moments(), dueAt, state === 'paused', workload)
          : []),
      ].join('\n\n'),
    );
  };

  const enter = (to: CampaignState): void => {
    // Launch-relative mail moments shift by the time paused, as each reviewer task's do.
    if (to === 'paused' && pausedSince === null) pausedSince = Date.now();
    if (to !== 'paused' && pausedSince !== null) {
      pausedMs += Date.now() - pausedSince;
      pausedSince = null;
    }
    state = to;
    changes++;
    upsertSearchAttributes([{ key: CampaignStateKey, value: to }]);
    describe();
  };

  setHandler(progressQuery, () => ({
    state,
    total,
    pending,
    reviewerTasks: reviewers,
    fanOutDone: fanOutAfter === 'done',
  }));
  setHandler(itemsMayBeDoneSignal, () => {
    checkPending = true;
  });

  setHandler(
    pauseUpdate,
    async (by) => {
      enter('paused');
      await mirror('paused', by);
      // Reviewer tasks hold their mail timers; the row already refuses decisions.
      await bulk.signalReviewerTasks({ campaignId: input.campaignId, paused: true });
      return state;
    },
    {
      validator: (_: ActorRef) => {
        if (state !== 'active' || finalizeRequestedBy) {
          refuse(`Campaign ${input.number} is ${state}; only an active campaign can be paused.`);
        }
      },
    },
  );

  setHandler(
    resumeUpdate,
    async (by) => {
      enter('active');
      await mirror('active', by);
      await bulk.signalReviewerTasks({ campaignId: input.campaignId, paused: false });
      return state;
    },
    {
      validator: (_: ActorRef) => {
        if (state !== 'paused' || finalizeRequestedBy) {
          refuse(`Campaign ${input.number} is ${state}; only a paused campaign can be resumed.`);
        }
      },
    },
  );

  setHandler(
    remindNowUpdate,
    async ({ requestId }) => {
      const occurrence = `manual-${requestId ?? workflowInfo().runId + '-' + changes}`;
      return await mail.sendRemindersNow({ campaignId: input.campaignId, occurrence });
    },
    {
      validator: (_: ActorRef) => {
        if (state !== 'active')
          refuse(`Campaign ${input.number} is ${state}; reminders go out only while it is active.`);
      },
    },
  );

  setHandler(
    finalizeUpdate,
    async (by) => {
      finalizeRequestedBy = by;
      // Answer once the database shows it, so the caller reads what it asked for.
      await condition(() => mirrored === 'finalizing' || mirrored === 'closed' || mirrored === 'cancelled');
      return mirrored;
    },
    {
      validator: (_: ActorRef) => {
        if ((state !== 'active' && state !== 'paused') || finalizeRequestedBy || cancelRequestedBy) {
          refuse(`Campaign ${input.number} is ${state}; only an active or paused campaign can be finalized.`);
        }
      },
    },
  );

  setHandler(
    cancelUpdate,
    async (by) => {
      cancelRequestedBy = by;
      await condition(() => mirrored === 'cancelled' || mirrored === 'closed');
      return mirrored;
    },
    {
      validator: (_: ActorRef) => {
        if (state === 'closed' || state === 'cancelled' || cancelRequestedBy) {
          refuse(`Campaign ${input.number} is ${state}; it can no longer be cancelled.`);
        }
      },
    },
  );

  setHandler(
    applyDecisionsUpdate,
    async (ref) => {
      applyRequested = ref;
      await condition(() => applied !== null);
      return applied!;
    },
    {
      validator: (_: ActorRef) => {
        if (state !== 'closed' || !input.manualApply) {
          refuse(`Campaign ${input.number} is ${state}; decisions are applied once it is closed.`);
        }
        if (applyRequested) refuse(`The decisions of campaign ${input.number} are already applied.`);
      },
    },
  );

  describe();

  if (state === 'init' && fanOutAfter === null && total === 0) {
    upsertSearchAttributes([{ key: CampaignStateKey, value: 'init' }]);
    const populated = await bulk.populateCampaign({ campaignId: input.campaignId });
    total = populated.total;
    pending = populated.pending;
    describe();
  }
  if (state === 'init' && !cancelRequestedBy) {
    enter('active');
    await mirror('active', SYSTEM);
  }
  // Reviewers can decide as soon as the campaign is active (a first decision starts its reviewer's task
  // if the fan-out has not yet), so the fan-out runs after activation: one page of reviewer tasks at a
  // time, the history growing by a few events per page whatever the number of reviewers, and a
  // continue-as-new resuming where it stopped.
  while (
    fanOutAfter !== 'done' &&
    (state === 'active' || state === 'paused') &&
    !cancelRequestedBy &&
    !finalizeRequestedBy
  ) {
    if (workflowInfo().continueAsNewSuggested) return await carryOn();
    const page = await bulk.startReviewerTasks({
      campaignId: input.campaignId,
      afterKey: fanOutAfter,
      limit: input.fanOutBatch,
      ...(escalationDigest ? { escalationByCampaign: true } : {}),
    });
    reviewers += page.started;
    fanOutAfter = page.nextKey ?? 'done';
    describe();
  }

  for (;;) {
    // Checked first, so that even the closing sequence starts from a fresh history.
    if (workflowInfo().continueAsNewSuggested) return await carryOn();
    if (state === 'closed') return await remediate();
    if (cancelRequestedBy) return await finish('cancelled', cancelRequestedBy);
    if (state === 'finalizing' || finalizeRequestedBy) return await finalize(finalizeRequestedBy ?? SYSTEM);
    if (state === 'active' && (pending === 0 || Date.now() >= dueAt)) return await finalize(SYSTEM);
    if (escalationDigest && mailPlan === undefined && fanOutAfter === 'done') {
      mailPlan = await quick.campaignMailPlan({ campaignId: input.campaignId });
      workload = await quick.reviewerWorkload({ campaignId: input.campaignId });
      describe();
      continue;
    }
    if (checkPending) {
      checkPending = false;
      pending = await quick.campaignPending({ campaignId: input.campaignId });
      if (mailPlan) workload = await quick.reviewerWorkload({ campaignId: input.campaignId });
      describe();
      continue;
    }
    const next = state === 'active' ? moments()[0] : undefined;
    if (next?.kind === 'escalation' && next.at <= Date.now() && escalationHeldUntil <= Date.now()) {
      const round = await digests.sendEscalations({ campaignId: input.campaignId, round: 1 });
      // A row still paused (a resume not yet mirrored) holds the round: it is tried again a minute later.
      if (round.paused) escalationHeldUntil = Date.now() + 60_000;
      else escalationSent = true;
      workload = await quick.reviewerWorkload({ campaignId: input.campaignId });
      describe();
      continue;
    }
    const seen = changes;
    const wakeUp = () =>
      Boolean(cancelRequestedBy || finalizeRequestedBy) ||
      changes !== seen ||
      checkPending ||
      workflowInfo().continueAsNewSuggested;
    if (state === 'active') {
      const wakeAt = next ? Math.min(Math.max(next.at, escalationHeldUntil), dueAt) : dueAt;
      const woken = await condition(wakeUp, Math.max(wakeAt - Date.now(), 1), {
        summary: next && wakeAt < dueAt ? next.label : 'due date',
      });
      // At each moment of the plan the counts shown in the UI are brought up to date.
      if (!woken && next && wakeAt < dueAt && next.kind !== 'escalation') {
        workload = await quick.reviewerWorkload({ campaignId: input.campaignId });
        describe();
      }
    } else await condition(wakeUp);
  }

  async function carryOn(): Promise<CampaignState> {
    await condition(allHandlersFinished);
    await mirrorQueue;
    return await continueAsNew<typeof campaignWorkflow>(input, {
      state,
      pending,
      total,
      reviewers,
      fanOutAfter,
      checkPending,
      finalizeRequestedBy,
      cancelRequestedBy,
      applyRequested,
      ...(escalationDigest ? { escalationDigest, escalationSent, pausedMs, pausedSince } : {}),
    });
  }

  async function finalize(by: ActorRef): Promise<CampaignState> {
    enter('finalizing');
    await mirror('finalizing', by);
    if (cancelRequestedBy) return finish('cancelled', cancelRequestedBy);
    const resolved = await bulk.resolveUndecided({
      campaignId: input.campaignId,
      onDueDate: input.onDueDate,
    });
    pending = resolved.pending;
    // Campaigns that were finalizing before remediations existed close as they always did.
    const remediates = patched('remediations');
    if (remediates && !input.manualApply) {
      await bulk.createRemediations({ campaignId: input.campaignId, ...SYSTEM });
    }
    await finish('closed', SYSTEM, remediates);
    if (!remediates) return state;
    // A long closing may have filled the history: the launch starts from a fresh one — unless an
    // "apply decisions" was accepted meanwhile, whose handler waits for this run to create the remediations.
    if (workflowInfo().continueAsNewSuggested && !applyRequested) return await carryOn();
    return await remediate();
  }

  /** Remediations of a closed campaign: applied now or on an administrator's word, then launched. */
  async function remediate(): Promise<CampaignState> {
    if (input.manualApply) {
      await condition(() => applyRequested !== null || workflowInfo().continueAsNewSuggested);
      if (!applyRequested) return await carryOn();
      applied = await bulk.createRemediations({ campaignId: input.campaignId, ...applyRequested });
      describe();
    }
    const scope = { campaignId: input.campaignId };
    await startChild(remediationLauncherWorkflow, {
      workflowId: launcherWorkflowId(scope),
      args: [{ scope, afterId: '0', batch: input.fanOutBatch }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `${input.number} · remediations`,
    });
    await condition(allHandlersFinished);
    return state;
  }

  /**
   * Ends the review. With `thenRemediate`, the run goes on (and waits for its handlers at the very end):
   * an "apply decisions" handler accepted now waits for the remediations, so it cannot be waited for here.
   */
  async function finish(
    to: 'closed' | 'cancelled',
    by: ActorRef,
    thenRemediate = false,
  ): Promise<CampaignState> {
    enter(to);
    await mirror(to, by);
    await bulk.signalReviewerTasks({ campaignId: input.campaignId, ended: to });
    if (!thenRemediate) await condition(allHandlersFinished);
    return state;
  }
}
