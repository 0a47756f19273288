import { defineQuery, defineUpdate } from '@temporalio/workflow';

// Shared by the API (client side) and the workflow: names, payload shapes and failure types.

export const CAMPAIGN_STATES = ['init', 'active', 'paused', 'finalizing', 'closed', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const ON_DUE_DATE = ['not_reviewed', 'approve', 'revoke'] as const;
export type OnDueDate = (typeof ON_DUE_DATE)[number];

export const DECISIONS = ['approve', 'revoke'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Upper bound of decisions in one call: keeps payloads and transactions small. */
export const MAX_DECISIONS_PER_CALL = 500;

export interface CampaignWorkflowInput {
  campaignId: string;
  number: string;
  title: string;
  ownerKey: string;
  dueAt: string;
  onDueDate: OnDueDate;
}

/** What survives a continue-as-new. */
export interface CampaignCarriedState {
  state: CampaignState;
  pending: number;
  total: number;
  finalizeRequestedBy: string | null;
  cancelRequestedBy: string | null;
}

export interface ActorRef {
  actor: string;
  requestId?: string;
}

export interface DecisionInput {
  itemId: string;
  decision: Decision;
  comment?: string | null;
}

export interface DecideRequest extends ActorRef {
  decisions: DecisionInput[];
}

export interface DecideResult {
  itemIds: string[];
  pending: number;
}

export interface CampaignProgress {
  state: CampaignState;
  total: number;
  pending: number;
}

export const FailureType = {
  InvalidTransition: 'InvalidTransition',
  CampaignNotActive: 'CampaignNotActive',
  ItemNotFound: 'ItemNotFound',
  InvalidRequest: 'InvalidRequest',
} as const;

export const decideUpdate = defineUpdate<DecideResult, [DecideRequest]>('decide');
export const pauseUpdate = defineUpdate<CampaignState, [ActorRef]>('pause');
export const resumeUpdate = defineUpdate<CampaignState, [ActorRef]>('resume');
export const finalizeUpdate = defineUpdate<CampaignState, [ActorRef]>('finalize');
export const cancelUpdate = defineUpdate<CampaignState, [ActorRef]>('cancel');
export const progressQuery = defineQuery<CampaignProgress>('progress');

export function campaignWorkflowId(number: string): string {
  return `campaign-${number}`;
}
