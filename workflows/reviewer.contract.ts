import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorRef, DecisionInput } from './campaign.contract';

export interface ReviewerTaskInput {
  campaignId: string;
  number: string;
  title: string;
  reviewerKey: string;
  campaignWorkflowId: string;
}

/** Explicit decisions, or `drafts: true` to confirm every saved draft of the reviewer in the campaign. */
export interface ConfirmRequest extends ActorRef {
  decisions?: DecisionInput[];
  drafts?: boolean;
}

export interface ConfirmResult {
  itemIds: string[];
  /** Items still waiting for the reviewer in this campaign. */
  reviewerPending: number;
  /** Whether any item of the whole campaign still waits for a decision. */
  campaignPending: boolean;
}

export const confirmUpdate = defineUpdate<ConfirmResult, [ConfirmRequest]>('confirm');
/** Sent by the campaign when it closes or is cancelled: the task ends. */
export const campaignEndedSignal = defineSignal<[string]>('campaignEnded');
