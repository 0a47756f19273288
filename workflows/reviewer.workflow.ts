import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  patched,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecertActivities } from '../activities';
import { itemsMayBeDoneSignal, MAX_DECISIONS_PER_CALL } from './campaign.contract';
import {
  campaignEndedSignal,
  campaignPausedSignal,
  confirmUpdate,
  ReviewerTaskInput,
  ReviewerTaskState,
} from './reviewer.contract';
import { reminderTotal } from './mail-plan';

// A local activity: one short transaction, run by the worker that holds the workflow, without a round
// trip through the server's activity queue — what keeps a reviewer's confirm call fast.
const { confirmDecisions } = proxyLocalActivities<RecertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

const { campaignStatus, ensureReviewerTask } = proxyActivities<RecertActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Mail waits out an unreachable SMTP server with backoff (each attempt visible in the UI); it never fails.
const { notifyReviewer } = proxyActivities<RecertActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** How often a task checks on its own whether its campaign ended, should the end signal never come. */
const SAFETY_CHECK_MS = 24 * 3600 * 1000;

/** A mail the task owes; `label` names its timer in the Temporal UI. */
type Due = { key: string; label: string; at: number; send: () => ReturnType<typeof notifyReviewer> };

/**
 * One reviewer's task within one campaign (`campaign-CAMP-000042-reviewer-<key>`): it receives the
 * reviewer's confirmations as Updates, so a campaign's decisions spread over as many executions as it has
 * reviewers, and it mails the reviewer on the campaign's plan — timers that hold while the campaign is
 * paused — until its campaign ends.
 */
export async function reviewerTaskWorkflow(
  input: ReviewerTaskInput,
  carried?: ReviewerTaskState,
): Promise<string> {
  let pending: number | null = carried?.pending ?? null;
  const sent = new Set(carried?.sent ?? []);
  let remindersSent = carried?.remindersSent ?? 0;
  let pausedMs = carried?.pausedMs ?? 0;
  let pausedSince: number | null = carried?.pausedSince ?? null;
  const forwards = [...(carried?.forwards ?? [])];
  let ended: string | null = null;
  let changes = 0;
  const launchedAt = Date.parse(input.launchedAt);
  const dueAt = Date.parse(input.dueAt);
  const { plan } = input;
  const base = { campaignId: input.campaignId, reviewerKey: input.reviewerKey };

  const describe = () =>
    setCurrentDetails(
      [
        `**${input.number}** · ${input.title}`,
        `**Reviewer:** ${input.reviewerKey}`,
        `**Items to review:** ${pending ?? 'not counted yet'}`,
        `**Mail sent:** ${[...sent].join(', ') || 'none yet'}`,
        `**Next mail:** ${nextMailLine()}`,
        `**Waiting for:** ${ended ? 'nothing: the campaign ended' : pausedSince !== null ? 'the campaign to resume' : 'confirmations, the next mail, or the campaign to end'}`,
      ].join('\n\n'),
    );

  function nextMailLine(): string {
    if (ended) return 'none: the campaign ended';
    if (pausedSince !== null) return 'held while the campaign is paused';
    const due = nextMail();
    if (!due) return 'none planned';
    return due.at <= Date.now() ? `${due.label}, now` : `${due.label} on ${new Date(due.at).toISOString()}`;
  }

  setHandler(campaignEndedSignal, (outcome) => {
    ended = outcome;
    changes++;
    describe();
  });

  setHandler(campaignPausedSignal, (paused) => {
    if (paused && pausedSince === null) pausedSince = Date.now();
    if (!paused && pausedSince !== null) {
      pausedMs += Date.now() - pausedSince;
      pausedSince = null;
    }
    changes++;
    describe();
  });

  // Confirmations run one at a time. Two at once were two local activities in one workflow task whose
  // results a replaying worker resolved together and the first run one by one, in another order against
  // the loop's timer: a nondeterminism error that failed the task for good (test/concurrent-confirms).
  // Tasks started before this change ran them side by side: their histories replay on the old path.
  let busy: Promise<unknown> | null = null;
  const oneAtATime = async <T>(run: () => Promise<T>): Promise<T> => {
    if (!patched('confirms-one-at-a-time')) return run();
    while (busy) await busy.catch(() => undefined);
    const turn = run();
    busy = turn;
    try {
      return await turn;
    } finally {
      if (busy === turn) busy = null;
    }
  };

  setHandler(
    confirmUpdate,
    (request) =>
      oneAtATime(async () => {
        try {
          const result = await confirmDecisions({ ...request, ...base });
          pending = result.reviewerPending;
          for (const f of result.forwarded) {
            forwards.push({
              ...f,
              occurrence: `from-${input.reviewerKey}-${workflowInfo().runId}-${forwards.length}`,
            });
          }
          changes++;
          describe();
          if (!result.campaignPending) {
            await getExternalWorkflowHandle(input.campaignWorkflowId).signal(itemsMayBeDoneSignal);
          }
          return result;
        } catch (err) {
          // The reviewer sees the activity's own refusal (e.g. item-not-found), not a wrapper around it.
          if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
          throw err;
        }
      }),
    {
      validator: (request) => {
        if (ended) {
          throw ApplicationFailure.create({
            type: 'campaign-not-active',
            message: `Campaign ${input.number} is ${ended}; decisions are refused.`,
            nonRetryable: true,
          });
        }
        const count = request.decisions?.length ?? 0;
        if (request.drafts ? count > 0 : count === 0 || count > MAX_DECISIONS_PER_CALL) {
          throw ApplicationFailure.create({
            type: 'validation',
            message: `Confirm either the saved drafts or between 1 and ${MAX_DECISIONS_PER_CALL} decisions.`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  /** The next mail this task owes, with the wall-clock time it is due (launch-relative times shift by pauses). */
  function nextMail(): Due | undefined {
    const afterLaunch = (ms: number) => launchedAt + ms + pausedMs;
    const candidates: Due[] = [];
    if (input.notifyLaunch && !sent.has('launch')) {
      candidates.push({
        key: 'launch',
        label: 'launch notice',
        at: launchedAt,
        send: () =>
          notifyReviewer({ ...base, event: 'campaign-launched', occurrence: 'launch', onlyIfPending: true }),
      });
    }
    if (plan.reminderFirstMs !== null && (remindersSent === 0 || plan.reminderEveryMs !== null)) {
      const n = remindersSent + 1;
      const at = afterLaunch(plan.reminderFirstMs + (n - 1) * (plan.reminderEveryMs ?? 0));
      if (at < dueAt) {
        candidates.push({
          key: `reminder-${n}`,
          label: `reminder ${n} of ${reminderTotal(plan, launchedAt, dueAt, pausedMs)}`,
          at,
          send: () =>
            notifyReviewer({ ...base, event: 'reminder', occurrence: `reminder-${n}`, onlyIfPending: true }),
        });
      }
    }
    if (plan.closingSoonMs !== null && !sent.has('closing-soon') && dueAt - plan.closingSoonMs > launchedAt) {
      candidates.push({
        key: 'closing-soon',
        label: 'closing-soon notice',
        at: dueAt - plan.closingSoonMs,
        send: () =>
          notifyReviewer({ ...base, event: 'closing-soon', occurrence: 'closing-soon', onlyIfPending: true }),
      });
    }
    // Tasks of campaigns that send escalation digests themselves leave them out (an input only those
    // tasks have, so tasks started before replay as they ran); the others ask for the campaign's round.
    if (
      !input.escalationByCampaign &&
      plan.escalateAfterMs !== null &&
      !sent.has('escalation') &&
      afterLaunch(plan.escalateAfterMs) < dueAt
    ) {
      candidates.push({
        key: 'escalation',
        label: 'escalation',
        at: afterLaunch(plan.escalateAfterMs),
        send: () =>
          notifyReviewer({
            ...base,
            event: 'escalation',
            occurrence: `${input.reviewerKey}-escalation`,
            onlyIfPending: true,
          }),
      });
    }
    const forward = forwards[0];
    if (forward) {
      candidates.push({
        key: `forward:${forward.occurrence}`,
        label: 'forward notice',
        at: 0,
        send: async () => {
          await ensureReviewerTask({
            campaignId: input.campaignId,
            reviewerKey: forward.to,
            ...(input.escalationByCampaign ? { escalationByCampaign: true } : {}),
          });
          return notifyReviewer({
            campaignId: input.campaignId,
            reviewerKey: forward.to,
            event: 'item-forwarded',
            occurrence: forward.occurrence,
            forwardedBy: input.reviewerKey,
            forwardedCount: forward.count,
          });
        },
      });
    }
    return candidates.sort((a, b) => a.at - b.at)[0];
  }

  function markSent(key: string): void {
    if (key.startsWith('forward:')) {
      forwards.shift();
      return;
    }
    if (key.startsWith('reminder-')) remindersSent++;
    sent.add(key);
  }

  describe();
  let lastCheck = Date.now();
  while (!ended) {
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof reviewerTaskWorkflow>(input, {
        pending,
        sent: [...sent],
        remindersSent,
        pausedMs,
        pausedSince,
        forwards,
      });
    }
    const seen = changes;
    const woken = () => ended !== null || changes !== seen || workflowInfo().continueAsNewSuggested;
    const mail = pausedSince === null ? nextMail() : undefined;
    const toMail = mail ? mail.at - Date.now() : Infinity;
    const toCheck = lastCheck + SAFETY_CHECK_MS - Date.now();
    const wait = Math.min(toMail, toCheck);
    if (wait > 0) {
      await condition(woken, wait, {
        summary: mail && toMail <= toCheck ? mail.label : 'check that the campaign still runs',
      });
    } else if (mail && mail.at <= Date.now()) {
      const outcome = await mail.send();
      if (outcome === 'paused') {
        // The row says paused though no signal came (it may have raced this task's start): hold, and look
        // again in a minute in case the resume signal is missed too.
        if (pausedSince === null) pausedSince = Date.now();
        lastCheck = Date.now() - SAFETY_CHECK_MS + 60_000;
      } else {
        markSent(mail.key);
      }
      describe();
    } else {
      lastCheck = Date.now();
      const status = await campaignStatus({ campaignId: input.campaignId });
      if (status === null || status === 'closed' || status === 'cancelled') ended = status ?? 'deleted';
      if (status === 'active' && pausedSince !== null) {
        pausedMs += Date.now() - pausedSince;
        pausedSince = null;
      }
    }
  }
  await condition(allHandlersFinished);
  return ended;
}
