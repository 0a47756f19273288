import type { Decision, ReviewItem } from './queries';

export const DECISION_LABEL: Record<Decision, string> = {
  approve: 'Approve',
  revoke: 'Revoke',
  update: 'Request update',
  forward: 'Forward',
};

/** Seed 003's account review keeps or revokes an account: "Keep" says what approving one does. */
export const decisionLabel = (d: Decision, kind: 'right' | 'account') =>
  kind === 'account' && d === 'approve' ? 'Keep' : DECISION_LABEL[d];

/** Dark shades: white on them meets WCAG AA contrast. */
export const DECISION_COLOR: Record<Decision, string> = {
  approve: 'teal.9',
  revoke: 'red.9',
  update: 'indigo.9',
  forward: 'violet.9',
};

export const STATUS_LABEL: Record<ReviewItem['status'], string> = {
  to_be_reviewed: 'To review',
  ok: 'Approved',
  revoke: 'Revoked',
  update: 'Update requested',
  reassign: 'Sent for reassignment',
  not_reviewed: 'Not reviewed',
};

export const STATUS_COLOR: Record<ReviewItem['status'], string> = {
  to_be_reviewed: 'gray',
  ok: 'green',
  revoke: 'red',
  update: 'orange',
  reassign: 'violet',
  not_reviewed: 'dark',
};

/** What the reviewer wants for an item: the draft, else the confirmed decision. */
export function effectiveDecision(item: ReviewItem): Decision | null {
  if (item.draft) return item.draft.decision;
  switch (item.status) {
    case 'ok':
      return 'approve';
    case 'revoke':
      return 'revoke';
    case 'update':
      return 'update';
    default:
      return null;
  }
}

/** Whether the campaign's comment rule asks for a comment with this decision. */
export function needsComment(rule: 'never' | 'revoke' | 'always', decision: Decision): boolean {
  return rule === 'always' || (rule === 'revoke' && decision === 'revoke');
}

export const DECIDABLE: ReviewItem['status'][] = ['to_be_reviewed', 'ok', 'revoke', 'update'];
