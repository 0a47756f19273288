import type { EscalationReason, EscalationRow } from './recipient.repository';
import { escapeHtml } from './templates';

/** Reviewers named one by one in a digest; a CEO over hundreds of reviewers reads the rest as a count. */
const LISTED = 50;

/** The reviewers escalated to one person in one round. */
export interface EscalationDigest {
  recipientKey: string;
  recipientName: string | null;
  email: string | null;
  reviewers: EscalationRow[];
}

/** Rows ordered by recipient (as the repository returns them), one digest per recipient. */
export function digestsByRecipient(rows: EscalationRow[]): EscalationDigest[] {
  const digests = new Map<string, EscalationDigest>();
  for (const row of rows) {
    let digest = digests.get(row.recipient_key);
    if (!digest) {
      digest = {
        recipientKey: row.recipient_key,
        recipientName: row.recipient_name,
        email: row.email,
        reviewers: [],
      };
      digests.set(row.recipient_key, digest);
    }
    digest.reviewers.push(row);
  }
  return [...digests.values()];
}

const WHY: Record<EscalationReason, string> = {
  manager: '',
  'default-reviewer': ' (no active manager in the ledger: sent to you as the default reviewer)',
  owner: ' (no active manager in the ledger: sent to you as the campaign owner)',
};

/** What the escalation templates fill in: a subject line that reads right for one reviewer or many, and the list. */
export function digestVars(digest: EscalationDigest): Record<string, string | number> {
  const total = digest.reviewers.reduce((n, r) => n + r.pending, 0);
  const name = (r: EscalationRow) => r.reviewer_name ?? r.reviewer_key;
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
  const [first] = digest.reviewers;
  const listed = digest.reviewers.slice(0, LISTED);
  const rest = digest.reviewers.slice(LISTED);
  const more = rest.length
    ? `… and ${rest.length} more reviewers with ${items(rest.reduce((n, r) => n + r.pending, 0))}`
    : '';
  const line = (r: EscalationRow) =>
    `${name(r)}${r.reviewer_email ? ` <${r.reviewer_email}>` : ''}: ${items(r.pending)} undecided${WHY[r.reason]}`;
  return {
    summary:
      digest.reviewers.length === 1
        ? `${name(first)} has ${items(total)} left to review`
        : `${digest.reviewers.length} reviewers have ${items(total)} left to review`,
    reviewerCount: digest.reviewers.length,
    pendingCount: total,
    reviewerLines: [...listed.map((r) => `- ${line(r)}`), ...(more ? [more] : [])].join('\n'),
    reviewerListHtml: `<ul>${listed.map((r) => `<li>${escapeHtml(line(r))}</li>`).join('')}</ul>${more ? `<p>${escapeHtml(more)}</p>` : ''}`,
  };
}
