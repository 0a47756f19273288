import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignActivities } from '../activities';
import {
  ActorRef,
  cancelUpdate,
  CampaignCarriedState,
  CampaignState,
  CampaignWorkflowInput,
  decideUpdate,
  DECISIONS,
  FailureType,
  finalizeUpdate,
  MAX_DECISIONS_PER_CALL,
  pauseUpdate,
  progressQuery,
  resumeUpdate,
} from './campaign.contract';
import { CampaignStateKey } from './search-attributes';

const bulk = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const quick = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

const SYSTEM = 'system';

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export async function campaignWorkflow(
  input: CampaignWorkflowInput,
  carried?: CampaignCarriedState,
): Promise<CampaignState> {
  let state: CampaignState = carried?.state ?? 'init';
  let pending = carried?.pending ?? 0;
  let total = carried?.total ?? 0;
  let finalizeRequestedBy = carried?.finalizeRequestedBy ?? null;
  let cancelRequestedBy = carried?.cancelRequestedBy ?? null;
  let mirrored: CampaignState = state;
  let decisionsInFlight = 0;
  let changes = 0;
  const dueAt = Date.parse(input.dueAt);

  // Mirrors run one after the other so the database never sees transitions out of order.
  let mirrorQueue: Promise<unknown> = Promise.resolve();
  const mirror = (to: CampaignState, actor: string, requestId?: string): Promise<unknown> => {
    mirrorQueue = mirrorQueue
      .then(() => quick.setCampaignStatus({ campaignId: input.campaignId, status: to, actor, requestId }))
      .then(() => {
        mirrored = to;
      });
    return mirrorQueue;
  };

  const describe = (): void => {
    const waitingFor: Record<CampaignState, string> = {
      init: 'selecting items and resolving reviewers',
      active: `reviewer decisions (${pending} pending), the due date ${input.dueAt}, finalize or cancel`,
      paused: 'resume, finalize or cancel',
      finalizing: 'undecided items to follow the due-date rule',
      closed: 'nothing: the campaign is closed',
      cancelled: 'nothing: the campaign is cancelled',
    };
    setCurrentDetails(
      [
        `**${input.number}** · ${input.title}`,
        `**State:** ${state}`,
        `**Items:** ${total} total, ${total - pending} decided, ${pending} to review`,
        `**Due:** ${input.dueAt} (undecided items then become: ${input.onDueDate})`,
        `**Waiting for:** ${waitingFor[state]}`,
      ].join('\n\n'),
    );
  };

  const enter = (to: CampaignState): void => {
    state = to;
    changes++;
    upsertSearchAttributes([{ key: CampaignStateKey, value: to }]);
    describe();
  };

  const openForDecisions = (): boolean => state === 'active' && Date.now() < dueAt;

  setHandler(progressQuery, () => ({ state, total, pending }));

  setHandler(
    decideUpdate,
    async (request) => {
      decisionsInFlight++;
      try {
        const result = await quick.recordDecisions({ campaignId: input.campaignId, ...request });
        // Results may come back out of commit order; the pending count only ever goes down.
        pending = Math.min(pending, result.pending);
        describe();
        return result;
      } catch (err) {
        // The reviewer sees the activity's own refusal (e.g. ItemNotFound), not a wrapper around it.
        if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
        throw err;
      } finally {
        decisionsInFlight--;
      }
    },
    {
      validator: (request) => {
        if (!openForDecisions()) {
          const why = state === 'active' ? 'its due date has passed' : `it is ${state}`;
          refuse(FailureType.CampaignNotActive, `Campaign ${input.number} accepts no decisions: ${why}.`);
        }
        const count = request.decisions.length;
        if (count === 0 || count > MAX_DECISIONS_PER_CALL) {
          refuse(FailureType.InvalidRequest, `Between 1 and ${MAX_DECISIONS_PER_CALL} decisions per call.`);
        }
        for (const d of request.decisions) {
          if (!(DECISIONS as readonly string[]).includes(d.decision)) {
            refuse(FailureType.InvalidRequest, `Unknown decision "${d.decision}".`);
          }
        }
      },
    },
  );

  setHandler(
    pauseUpdate,
    async ({ actor, requestId }) => {
      enter('paused');
      await condition(() => decisionsInFlight === 0);
      await mirror('paused', actor, requestId);
      return state;
    },
    {
      validator: (_: ActorRef) => {
        if (state !== 'active' || finalizeRequestedBy) {
          refuse(
            FailureType.InvalidTransition,
            `Campaign ${input.number} is ${state}; only an active campaign can be paused.`,
          );
        }
      },
    },
  );

  setHandler(
    resumeUpdate,
    async ({ actor, requestId }) => {
      enter('active');
      await mirror('active', actor, requestId);
      return state;
    },
    {
      validator: (_: ActorRef) => {
        if (state !== 'paused' || finalizeRequestedBy) {
          refuse(
            FailureType.InvalidTransition,
            `Campaign ${input.number} is ${state}; only a paused campaign can be resumed.`,
          );
        }
      },
    },
  );

  setHandler(
    finalizeUpdate,
    async ({ actor }) => {
      finalizeRequestedBy = actor;
      // Answer once the database shows it, so the caller reads what it asked for.
      await condition(() => mirrored === 'finalizing' || mirrored === 'closed' || mirrored === 'cancelled');
      return mirrored;
    },
    {
      validator: (_: ActorRef) => {
        if ((state !== 'active' && state !== 'paused') || finalizeRequestedBy || cancelRequestedBy) {
          refuse(
            FailureType.InvalidTransition,
            `Campaign ${input.number} is ${state}; only an active or paused campaign can be finalized.`,
          );
        }
      },
    },
  );

  setHandler(
    cancelUpdate,
    async ({ actor }) => {
      cancelRequestedBy = actor;
      await condition(() => mirrored === 'cancelled' || mirrored === 'closed');
      return mirrored;
    },
    {
      validator: (_: ActorRef) => {
        if (state === 'closed' || state === 'cancelled' || cancelRequestedBy) {
          refuse(
            FailureType.InvalidTransition,
            `Campaign ${input.number} is ${state}; it can no longer be cancelled.`,
          );
        }
      },
    },
  );

  describe();

  if (state === 'init') {
    upsertSearchAttributes([{ key: CampaignStateKey, value: 'init' }]);
    const populated = await bulk.populateCampaign({ campaignId: input.campaignId });
    total = populated.total;
    pending = populated.pending;
    if (!cancelRequestedBy) {
      enter('active');
      await mirror('active', SYSTEM);
    }
  }

  for (;;) {
    if (cancelRequestedBy) {
      return await finish('cancelled', cancelRequestedBy);
    }
    if (state === 'finalizing' || finalizeRequestedBy) {
      return await finalize(finalizeRequestedBy ?? SYSTEM);
    }
    if (state === 'active' && (pending === 0 || Date.now() >= dueAt)) {
      return await finalize(SYSTEM);
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await mirrorQueue;
      return await continueAsNew<typeof campaignWorkflow>(input, {
        state,
        pending,
        total,
        finalizeRequestedBy,
        cancelRequestedBy,
      });
    }
    const seen = changes;
    const wakeUp = () =>
      Boolean(cancelRequestedBy || finalizeRequestedBy) ||
      changes !== seen ||
      (state === 'active' && pending === 0) ||
      workflowInfo().continueAsNewSuggested;
    if (state === 'active') await condition(wakeUp, Math.max(dueAt - Date.now(), 1));
    else await condition(wakeUp);
  }

  async function finalize(actor: string): Promise<CampaignState> {
    enter('finalizing');
    await condition(() => decisionsInFlight === 0);
    await mirror('finalizing', actor);
    if (cancelRequestedBy) return finish('cancelled', cancelRequestedBy);
    const resolved = await bulk.resolveUndecided({
      campaignId: input.campaignId,
      onDueDate: input.onDueDate,
    });
    pending = resolved.pending;
    return finish('closed', SYSTEM);
  }

  async function finish(to: 'closed' | 'cancelled', actor: string): Promise<CampaignState> {
    enter(to);
    await condition(() => decisionsInFlight === 0);
    await mirror(to, actor);
    await condition(allHandlersFinished);
    return state;
  }
}
