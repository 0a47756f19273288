import type { LaunchInput } from '../campaigns/campaign-launcher';
import type { AppConfig } from '../config/config.schema';

/** The quarterly review of the financial systems: the ERP, the banking portal and the data warehouse. */
export const FINANCIAL_SYSTEMS = ['erp', 'bank', 'dwh'];
const DAY = 86_400_000;

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Revocations go to the first ITSM instance when one is configured (tickets), else to manual tasks. */
function remediation(config: AppConfig) {
  const itsm = config.remediation.itsm[0];
  return itsm
    ? { connector: 'itsm' as const, itsmInstance: itsm.code }
    : { connector: 'embedded' as const, itsmInstance: null };
}

const base = (config: AppConfig, defaultReviewerKey: string) => ({
  description: '',
  type: 'right' as const,
  scope: { applicationKeys: FINANCIAL_SYSTEMS },
  reviewers: { strategy: ['linemanager' as const], defaultReviewerKey },
  options: {
    commentRequired: 'revoke' as const,
    allowSelfDelegation: true,
    inactiveAfterDays: 90,
    fullReview: true,
    offlineReview: true,
    notifications: { reminders: null, closingSoon: null, escalateAfter: null },
    remediation: { applyDecisions: 'at_finalization' as const, ...remediation(config) },
  },
});

/**
 * Last quarter's review, of the ledger as it was then: reviewers approved what the role model grants and
 * revoked what nobody in the job should hold; at finalization the rest followed its recommendation.
 */
export const closedCampaign = (config: AppConfig, defaultReviewerKey: string): LaunchInput => ({
  ...base(config, defaultReviewerKey),
  title: 'Financial systems — Q3 access review',
  description: 'ERP, banking portal and data warehouse access, reviewed by line managers.',
  priority: 3,
  dueAt: inDays(14),
  onDueDate: 'follow_recommendation',
});

/** This quarter's review, under way: movers, unused accounts and odd access to look at. */
export const activeCampaign = (config: AppConfig, defaultReviewerKey: string): LaunchInput => {
  const { options, ...rest } = base(config, defaultReviewerKey);
  return {
    ...rest,
    title: 'Financial systems — Q4 access review',
    description:
      'ERP, banking portal and data warehouse access, reviewed by line managers. Movers and unused accounts are flagged.',
    priority: 2,
    dueAt: inDays(21),
    onDueDate: 'not_reviewed',
    options: {
      ...options,
      notifications: { reminders: { first: 'P3D', every: 'P2D' }, closingSoon: 'P2D', escalateAfter: null },
    },
  };
};
