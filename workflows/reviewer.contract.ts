import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorRef, DecisionInput } from './campaign.contract';

/** When the task mails its reviewer, in milliseconds (parsed from the campaign's ISO 8601 plan). */
export interface NotificationPlan {
  reminderFirstMs: number | null;
  reminderEveryMs: number | null;
  closingSoonMs: number | null;
  escalateAfterMs: number | null;
}

export interface ReviewerTaskInput {
  campaignId: string;
  number: string;
  title: string;
  reviewerKey: string;
  campaignWorkflowId: string;
  /** When the campaign became active and when it is due (ISO 8601). */
  launchedAt: string;
  dueAt: string;
  plan: NotificationPlan;
  /** Started by the campaign's fan-out (the reviewer gets the launch notice), not by a later hand-over. */
  notifyLaunch: boolean;
  /**
   * The campaign workflow sends escalations, one digest per recipient. Absent in tasks started before
   * digests and in tasks a first decision starts: those ask for the round when it is due.
   */
  escalationByCampaign?: boolean;
}

/** What a task carries across continue-as-new. */
export interface ReviewerTaskState {
  pending: number | null;
  sent: string[];
  remindersSent: number;
  pausedMs: number;
  pausedSince: number | null;
  forwards: { to: string; count: number; occurrence: string }[];
}

/** Explicit decisions, or `drafts: true` to confirm every saved draft of the reviewer in the campaign. */
export interface ConfirmRequest extends ActorRef {
  decisions?: DecisionInput[];
  drafts?: boolean;
  /** Digest of the HTTP request behind an Idempotency-Key, echoed in the result. */
  requestHash?: string;
}

export interface ConfirmResult {
  itemIds: string[];
  /** Reviewers who received items from this confirmation (forward with self-delegation). */
  forwarded: { to: string; count: number }[];
  /** Items still waiting for the reviewer in this campaign. */
  reviewerPending: number;
  /** Whether any item of the whole campaign still waits for a decision. */
  campaignPending: boolean;
  /** The `requestHash` of the request that the update id was first used for. */
  requestHash?: string;
}

export const confirmUpdate = defineUpdate<ConfirmResult, [ConfirmRequest]>('confirm');
/** Sent by the campaign when it closes or is cancelled: the task ends. */
export const campaignEndedSignal = defineSignal<[string]>('campaignEnded');
/** Sent by the campaign on pause and resume: the task's timers hold while paused. */
export const campaignPausedSignal = defineSignal<[boolean]>('campaignPaused');
