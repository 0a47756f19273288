import type { AuditEntry } from './queries';

const STATUS_WORDS: Record<string, string> = {
  to_be_reviewed: 'To review',
  ok: 'Approved',
  revoke: 'Revoked',
  update: 'Approved until an end date',
  reassign: 'Sent back for another reviewer',
  not_reviewed: 'Not reviewed',
};

const ACTION_WORDS: Record<string, string> = {
  'item.decided': 'Decided',
  'item.forwarded': 'Forwarded',
  'item.sent_to_reassign': 'Sent back for another reviewer',
  'item.reassigned': 'Handed to another reviewer',
  'item.delegation_reset': 'Handed back to the accountable reviewer',
  'item.resolved_at_due_date': 'Closed at the due date',
};

/** The action in words, when it has some; its code is shown beside it for filtering. */
export const actionWords = (action: string): string | undefined => ACTION_WORDS[action];

export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

/** One line of an entry's change: what, before, after (absent on either side: null). */
export interface ChangeLine {
  what: string;
  before: string | null;
  after: string | null;
}

const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const shown = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
};

const LABELS: Record<string, string> = {
  status: 'Decision',
  comment: 'Comment',
  responsible: 'Reviewer',
  details: 'Details',
};

/**
 * What an entry changed, field by field: a review item's decision, comment and reviewer in words and
 * names; any other entry's fields as they were recorded. Unchanged fields are left out.
 */
export function changeOf(e: AuditEntry): ChangeLine[] {
  const before = record(e.before);
  const after = record(e.after);
  const person = (v: unknown) => {
    const key = shown(v);
    return key && e.names[key] ? `${e.names[key]} (${key})` : key;
  };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.flatMap((field) => {
    const render =
      field === 'status'
        ? (v: unknown) => shown(v) && statusWords(String(v))
        : field === 'responsible'
          ? person
          : shown;
    const [was, is] = [render(before[field]) ?? null, render(after[field]) ?? null];
    if (was === is) return [];
    return [{ what: LABELS[field] ?? field, before: was, after: is }];
  });
}
