import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

// Shared by the API (client side) and the workflow: names, payload shapes and failure types.

export const CAMPAIGN_STATES = ['init', 'active', 'paused', 'finalizing', 'closed', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** `follow_recommendation`: recommended items are approved, not recommended ones revoked, the others not reviewed. */
export const ON_DUE_DATE = ['not_reviewed', 'approve', 'revoke', 'follow_recommendation'] as const;
export type OnDueDate = (typeof ON_DUE_DATE)[number];

export const DECISIONS = ['approve', 'revoke', 'update', 'forward'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Upper bound of explicit decisions in one call: keeps payloads and transactions small. */
export const MAX_DECISIONS_PER_CALL = 500;

export interface CampaignWorkflowInput {
  campaignId: string;
  number: string;
  title: string;
  ownerKey: string;
  dueAt: string;
  onDueDate: OnDueDate;
  /** Reviewer tasks started per fan-out activity (the campaign never has more than one pending). */
  fanOutBatch: number;
  /** Remediations wait for an administrator's "apply decisions" after closing (absent: at finalization). */
  manualApply?: boolean;
}

/** What survives a continue-as-new. */
export interface CampaignCarriedState {
  state: CampaignState;
  pending: number;
  total: number;
  reviewers: number;
  /** Where the fan-out of reviewer tasks stopped, or 'done'. */
  fanOutAfter: string | null | 'done';
  /** A reviewer task said nothing may be pending any more, and the campaign has not counted yet. */
  checkPending: boolean;
  /** Who asked; a plain actor key in runs carried over from before the audit recorded the session. */
  finalizeRequestedBy: ActorRef | string | null;
  cancelRequestedBy: ActorRef | string | null;
  applyRequested?: ActorRef | null;
  /** Absent in runs carried over from before the campaign sent escalation digests. */
  escalationDigest?: boolean;
  escalationSent?: boolean;
  pausedMs?: number;
  pausedSince?: number | null;
}

/** Who asked for a change; the shape of src/domain/actor.ts, recorded in the audit trail. */
export interface ActorRef {
  actor: string;
  /** The session or OAuth client the request came through: `session:<id>`, `client:<id>`. */
  via?: string | null;
  requestId?: string | null;
}

export interface DecisionInput {
  itemId: string;
  decision: Decision;
  comment?: string | null;
  /** `update`: the end date the access should get. */
  endDate?: string | null;
  /** `forward`: the identity the item goes to. */
  forwardTo?: string | null;
  /** `forward`: why, in the forwarder's words, shown to the new reviewer. */
  forwardReason?: string | null;
}

export interface CampaignProgress {
  state: CampaignState;
  total: number;
  pending: number;
  /** Reviewer tasks started by the fan-out so far, and whether it has finished. */
  reviewerTasks: number;
  fanOutDone: boolean;
}

export const FailureType = {
  InvalidTransition: 'InvalidTransition',
} as const;

/** A reviewer task tells its campaign that the campaign may have no undecided item left. */
export const itemsMayBeDoneSignal = defineSignal('itemsMayBeDone');
export const pauseUpdate = defineUpdate<CampaignState, [ActorRef]>('pause');
export const resumeUpdate = defineUpdate<CampaignState, [ActorRef]>('resume');
export const finalizeUpdate = defineUpdate<CampaignState, [ActorRef]>('finalize');
export const cancelUpdate = defineUpdate<CampaignState, [ActorRef]>('cancel');
/** Sends reminders now to every reviewer with undecided items; answers how many went out. */
export const remindNowUpdate = defineUpdate<number, [ActorRef]>('remindNow');
/** Applies the decisions of a closed campaign (manual apply): answers how many remediations were created. */
export const applyDecisionsUpdate = defineUpdate<number, [ActorRef]>('applyDecisions');
export const progressQuery = defineQuery<CampaignProgress>('progress');

export function campaignWorkflowId(number: string): string {
  return `campaign-${number}`;
}

export function reviewerWorkflowId(number: string, reviewerKey: string): string {
  return `campaign-${number}-reviewer-${reviewerKey}`;
}
