import type { paths } from '../../api/schema';

type LaunchBody = NonNullable<
  paths['/api/v1/campaigns']['post']['requestBody']
>['content']['application/json'];
export type OptionsBody = NonNullable<LaunchBody['options']>;
export type OnDueDate = NonNullable<LaunchBody['onDueDate']>;

/** A campaign's rules as the form edits them: durations as typed text, empty for none. */
export interface PlanDraft {
  onDueDate: OnDueDate;
  /** 1 is the most urgent. */
  priority: number;
  fullReview: boolean;
  offlineReview: boolean;
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

export function defaultPlan(): PlanDraft {
  return {
    onDueDate: 'not_reviewed',
    priority: 3,
    fullReview: true,
    offlineReview: false,
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

/** The options as the API answers them (every field present), back into the form. */
export function planOf(options: Required<OptionsBody>, onDueDate: OnDueDate, priority: number): PlanDraft {
  const n = options.notifications;
  const r = options.remediation;
  return {
    onDueDate,
    priority,
    fullReview: options.fullReview,
    offlineReview: options.offlineReview,
    commentRequired: options.commentRequired,
    allowSelfDelegation: options.allowSelfDelegation,
    inactiveAfterDays: options.inactiveAfterDays,
    remindFirst: n?.reminders?.first ?? '',
    remindEvery: n?.reminders?.every ?? '',
    closingSoon: n?.closingSoon ?? '',
    escalateAfter: n?.escalateAfter ?? '',
    connector: r?.connector ?? 'embedded',
    itsmInstance: r?.itsmInstance ?? null,
    applyDecisions: r?.applyDecisions ?? 'at_finalization',
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function optionsOf(d: PlanDraft): OptionsBody {
  return {
    commentRequired: d.commentRequired,
    allowSelfDelegation: d.allowSelfDelegation,
    inactiveAfterDays: d.inactiveAfterDays,
    fullReview: d.fullReview,
    offlineReview: d.offlineReview,
    notifications: {
      reminders: orNull(d.remindFirst) ? { first: d.remindFirst.trim(), every: orNull(d.remindEvery) } : null,
      closingSoon: orNull(d.closingSoon),
      escalateAfter: orNull(d.escalateAfter),
    },
    remediation: {
      applyDecisions: d.applyDecisions,
      connector: d.connector,
      itsmInstance: d.connector === 'itsm' ? d.itsmInstance : null,
    },
  };
}
