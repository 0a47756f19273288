import type { NotificationPlan } from './reviewer.contract';

/** A moment of a campaign's mail plan, as its timers are labelled in the Temporal UI. */
export interface PlanMoment {
  kind: 'reminder' | 'closing-soon' | 'escalation';
  at: number;
  label: string;
}

/** The campaign's mail plan as its workflow follows it: the same plan each reviewer task follows. */
export interface CampaignMailPlan {
  launchedAt: string;
  plan: NotificationPlan;
}

/** Reviewers with undecided items, the most loaded first (the campaign shows ten in the Temporal UI). */
export interface ReviewerWorkload {
  top: { key: string; name: string | null; pending: number }[];
  reviewers: number;
  items: number;
  /** When it was counted (ISO 8601). */
  at: string;
}

/** Reminders that fall before the due date: reminder n is due `first + (n - 1) × every` after launch. */
export function reminderTotal(
  plan: NotificationPlan,
  launchedAt: number,
  dueAt: number,
  pausedMs: number,
): number {
  if (plan.reminderFirstMs === null) return 0;
  const first = launchedAt + pausedMs + plan.reminderFirstMs;
  if (first >= dueAt) return 0;
  if (plan.reminderEveryMs === null || plan.reminderEveryMs <= 0) return 1;
  return Math.floor((dueAt - 1 - first) / plan.reminderEveryMs) + 1;
}

/**
 * What the plan does next after `now`, soonest first: the next reminder, the closing-soon notice and the
 * escalation (until its round is sent, even when overdue). Launch-relative moments shift by the time paused.
 */
export function upcomingMoments(
  plan: NotificationPlan,
  launchedAt: number,
  dueAt: number,
  pausedMs: number,
  now: number,
  escalationSent: boolean,
): PlanMoment[] {
  const moments: PlanMoment[] = [];
  const total = reminderTotal(plan, launchedAt, dueAt, pausedMs);
  if (total > 0) {
    const first = launchedAt + pausedMs + plan.reminderFirstMs!;
    const every = plan.reminderEveryMs ?? 0;
    const n = now < first || every <= 0 ? 1 : Math.floor((now - first) / every) + 2;
    const at = first + (n - 1) * every;
    if (n <= total && at > now) moments.push({ kind: 'reminder', at, label: `reminder ${n} of ${total}` });
  }
  if (plan.closingSoonMs !== null) {
    const at = dueAt - plan.closingSoonMs;
    if (at > launchedAt && at > now) moments.push({ kind: 'closing-soon', at, label: 'closing-soon notice' });
  }
  if (plan.escalateAfterMs !== null && !escalationSent) {
    const at = launchedAt + pausedMs + plan.escalateAfterMs;
    if (at < dueAt) moments.push({ kind: 'escalation', at, label: 'escalation' });
  }
  return moments.sort((a, b) => a.at - b.at);
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The campaign's current details beyond its state: what the plan does next and who has the most left. */
export function planDetails(
  moments: PlanMoment[],
  dueAt: number,
  paused: boolean,
  workload: ReviewerWorkload | null,
): string[] {
  const next = paused
    ? 'held while the campaign is paused'
    : [...moments.slice(0, 3).map((m) => `${m.label} on ${utc(m.at)}`), `due date on ${utc(dueAt)}`].join(
        ' · ',
      );
  const lines = [`**Next:** ${next}`];
  if (!workload) return lines;
  if (workload.reviewers === 0)
    return [...lines, `**Pending reviewers:** none (as of ${utc(Date.parse(workload.at))})`];
  const rest = workload.reviewers - workload.top.length;
  const restItems = workload.items - workload.top.reduce((n, r) => n + r.pending, 0);
  return [
    ...lines,
    `**Pending reviewers:** ${workload.reviewers} with ${workload.items} items (as of ${utc(Date.parse(workload.at))})`,
    workload.top.map((r, i) => `${i + 1}. ${r.name ?? r.key} (${r.key}): ${r.pending} items`).join('\n') +
      (rest > 0 ? `\n\n…and ${rest} more reviewers with ${restItems} items` : ''),
  ];
}
