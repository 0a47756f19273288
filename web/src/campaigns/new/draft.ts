import type { paths } from '../../api/schema';
import { defaultPlan, optionsOf, type PlanDraft } from '../plan/plan-draft';
import type { ReviewerRule } from '../plan/StrategyEditor';

export type LaunchBody = NonNullable<
  paths['/api/v1/campaigns']['post']['requestBody']
>['content']['application/json'];
export type PreviewBody = NonNullable<
  paths['/api/v1/campaigns/preview']['post']['requestBody']
>['content']['application/json'];

/** Everything the New campaign form holds, as the person edits it. */
export interface CampaignDraft {
  /** `right`: identities' permissions; `account`: the applications' accounts. */
  type: 'right' | 'account';
  title: string;
  description: string;
  /** yyyy-mm-dd, the last day of the review. */
  dueDate: string;
  applicationKeys: string[];
  permissionKeys: string[];
  identityKeys: string[];
  strategy: ReviewerRule[];
  defaultReviewerKey: string | null;
  plan: PlanDraft;
}

export function emptyDraft(today = new Date()): CampaignDraft {
  const due = new Date(today.getTime() + 30 * 86_400_000);
  return {
    type: 'right',
    title: '',
    description: '',
    dueDate: due.toISOString().slice(0, 10),
    applicationKeys: [],
    permissionKeys: [],
    identityKeys: [],
    strategy: ['linemanager'],
    defaultReviewerKey: null,
    plan: defaultPlan(),
  };
}

const keys = (list: string[]) => (list.length ? list : undefined);

export function scopeOf(d: CampaignDraft): PreviewBody['scope'] {
  return {
    applicationKeys: keys(d.applicationKeys),
    permissionKeys: d.type === 'account' ? undefined : keys(d.permissionKeys),
    identityKeys: keys(d.identityKeys),
  };
}

/** The end of the chosen day where the administrator is: what "due on the 30th" means to them. */
export function dueAtOf(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

export function launchBodyOf(d: CampaignDraft): LaunchBody {
  return {
    type: d.type,
    title: d.title,
    description: d.description,
    dueAt: dueAtOf(d.dueDate),
    scope: scopeOf(d),
    reviewers: { strategy: d.strategy, defaultReviewerKey: d.defaultReviewerKey ?? '' },
    onDueDate: d.plan.onDueDate,
    priority: d.plan.priority,
    options: optionsOf(d.plan),
  };
}
