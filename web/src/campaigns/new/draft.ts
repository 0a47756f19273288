import type { paths } from '../../api/schema';
import type { ReviewerRule } from './StrategyEditor';

export type LaunchBody = NonNullable<
  paths['/api/v1/campaigns']['post']['requestBody']
>['content']['application/json'];
export type PreviewBody = NonNullable<
  paths['/api/v1/campaigns/preview']['post']['requestBody']
>['content']['application/json'];

/** Everything the New campaign form holds, as the person edits it. */
export interface CampaignDraft {
  title: string;
  description: string;
  /** yyyy-mm-dd, the last day of the review. */
  dueDate: string;
  applicationKeys: string[];
  permissionKeys: string[];
  identityKeys: string[];
  strategy: ReviewerRule[];
  defaultReviewerKey: string | null;
  onDueDate: 'not_reviewed' | 'approve' | 'revoke';
  commentRequired: 'never' | 'revoke' | 'always';
  allowSelfDelegation: boolean;
  inactiveAfterDays: number;
  remindFirst: string;
  remindEvery: string;
  closingSoon: string;
  escalateAfter: string;
  connector: 'embedded' | 'itsm' | 'provisioning';
  itsmInstance: string | null;
  applyDecisions: 'at_finalization' | 'manual';
}

export function emptyDraft(today = new Date()): CampaignDraft {
  const due = new Date(today.getTime() + 30 * 86_400_000);
  return {
    title: '',
    description: '',
    dueDate: due.toISOString().slice(0, 10),
    applicationKeys: [],
    permissionKeys: [],
    identityKeys: [],
    strategy: ['linemanager'],
    defaultReviewerKey: null,
    onDueDate: 'not_reviewed',
    commentRequired: 'revoke',
    allowSelfDelegation: true,
    inactiveAfterDays: 90,
    remindFirst: 'P3D',
    remindEvery: 'P2D',
    closingSoon: 'P1D',
    escalateAfter: 'P5D',
    connector: 'embedded',
    itsmInstance: null,
    applyDecisions: 'at_finalization',
  };
}

const keys = (list: string[]) => (list.length ? list : undefined);
const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function scopeOf(d: CampaignDraft): PreviewBody['scope'] {
  return {
    applicationKeys: keys(d.applicationKeys),
    permissionKeys: keys(d.permissionKeys),
    identityKeys: keys(d.identityKeys),
  };
}

/** The end of the chosen day where the administrator is: what "due on the 30th" means to them. */
export function dueAtOf(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

export function launchBodyOf(d: CampaignDraft): LaunchBody {
  return {
    title: d.title,
    description: d.description,
    dueAt: dueAtOf(d.dueDate),
    scope: scopeOf(d),
    reviewers: { strategy: d.strategy, defaultReviewerKey: d.defaultReviewerKey ?? '' },
    onDueDate: d.onDueDate,
    options: {
      commentRequired: d.commentRequired,
      allowSelfDelegation: d.allowSelfDelegation,
      inactiveAfterDays: d.inactiveAfterDays,
      notifications: {
        reminders: orNull(d.remindFirst)
          ? { first: d.remindFirst.trim(), every: orNull(d.remindEvery) }
          : null,
        closingSoon: orNull(d.closingSoon),
        escalateAfter: orNull(d.escalateAfter),
      },
      remediation: {
        applyDecisions: d.applyDecisions,
        connector: d.connector,
        itsmInstance: d.connector === 'itsm' ? d.itsmInstance : null,
      },
    },
  };
}
