import type { CampaignScope, CampaignType } from '../domain/campaign.types';
import type { ReviewerRule } from '../domain/reviewer-rules';
import { PRESENT_IN_LEDGER, SCOPE_JOINS, scopeCondition } from '../domain/scope/scope.sql';
import { reviewerSelection } from './reviewer-selection.sql';

/** What decides a campaign's items: what it reviews, its scope, its reviewer strategy, full or delta. */
export interface ItemSelection {
  type: CampaignType;
  scope: CampaignScope;
  strategy: readonly ReviewerRule[];
  defaultReviewerKey: string | null;
  /** `false`: what was last certified (approved) and has not changed since is left out. */
  fullReview: boolean;
}

/**
 * The joins and condition selecting a campaign's items, over aliases both kinds share (i = the reviewed
 * identity, ap = application, ac = account, m = the identity's manager, r = the reviewer): `c` must
 * provide `owner_key`, the last resort reviewer. Shared by the launch and its preview so that the
 * preview counts what the launch takes. Values are appended to `params`.
 */
export interface SelectionSql {
  joins: string;
  where: string;
  /** What each selected item holds that depends on what it reviews, as SQL over the same aliases. */
  item: {
    kind: CampaignType;
    assignmentId: string;
    /** The reviewed row's key: the assignment's, or the account's. */
    key: string;
    permissionKey: string;
    label: string;
    recommendation: string;
  };
}

const RIGHT_RECOMMENDATION = `CASE WHEN a.compliance = 'non_compliant' THEN 'not_recommended'
                            WHEN a.origin = 'policy' AND a.compliance = 'compliant' THEN 'recommended'
                            ELSE 'none' END`;

/** Nobody answers for an orphan account, nor for a leaver's: both are to be revoked unless explained. */
const ACCOUNT_RECOMMENDATION = `CASE WHEN i.id IS NULL OR i.status = 'inactive' THEN 'not_recommended'
                              ELSE 'none' END`;

/** Accounts already disabled or deleted in the application are what a revocation leaves: not reviewed. */
const LIVE_ACCOUNT = `lower(ac.status) NOT IN ('disabled', 'deleted')`;

/** The owner's characteristics an item keeps, to tell a mover at the next review. */
export const OWNER_SNAPSHOT = `jsonb_build_object('ownerKey', i.key, 'managerKey', m.key, 'department', i.department,
                                 'jobTitle', i.job_title, 'type', i.type, 'status', i.status)`;
const OWNER_NOW = `(i.key, m.key, i.department, i.job_title)`;
const ownerThen = (alias: string) =>
  `(${alias}.identity_key, ${alias}.owner_snapshot->>'managerKey', ${alias}.owner_snapshot->>'department',
    ${alias}.owner_snapshot->>'jobTitle')`;

/** The item's latest approval in another campaign: its owner then, for the mover flag. */
export const previousApproval = ({ kind, key }: SelectionSql['item']) => `LEFT JOIN LATERAL (
         SELECT identity_key, owner_snapshot FROM review_item pr
         WHERE pr.assignment_key = ${key} AND pr.kind = '${kind}' AND pr.campaign_id <> c.id AND pr.status = 'ok'
         ORDER BY pr.id DESC LIMIT 1
       ) prev ON true`;

/** Whether the reviewed identity is not the one, or not as it was, when last approved. */
export const MOVED_SINCE_APPROVAL = `prev.owner_snapshot IS NOT NULL AND
  (prev.owner_snapshot->>'managerKey', prev.owner_snapshot->>'department', prev.owner_snapshot->>'jobTitle',
   coalesce(prev.owner_snapshot->>'ownerKey', prev.identity_key))
  IS DISTINCT FROM (m.key, i.department, i.job_title, i.key)`;

/**
 * A delta review leaves out what its latest decision elsewhere approved as it is now; a later
 * revocation, update or "not reviewed" puts it back in.
 */
const latestDecision = (kind: CampaignType, key: string) => `LEFT JOIN LATERAL (
         SELECT status, identity_key, permission_key, account_key, recommendation, owner_snapshot
         FROM review_item lr
         WHERE lr.assignment_key = ${key} AND lr.kind = '${kind}'
           AND lr.status IN ('ok', 'revoke', 'update', 'not_reviewed')
         ORDER BY lr.id DESC LIMIT 1
       ) lc ON true`;

/** A right is unchanged with the same permission, account and recommendation, and its owner as then. */
const RIGHT_UNCHANGED = `lc.status = 'ok'
         AND (lc.permission_key, lc.account_key, lc.recommendation) IS NOT DISTINCT FROM
             (p.key, ac.key, ${RIGHT_RECOMMENDATION})
         AND ${ownerThen('lc')} IS NOT DISTINCT FROM ${OWNER_NOW}`;
/** An account is unchanged with the same owner, as then. */
const ACCOUNT_UNCHANGED = `lc.status = 'ok' AND ${ownerThen('lc')} IS NOT DISTINCT FROM ${OWNER_NOW}`;

const delta = (fullReview: boolean, join: string, unchanged: string) =>
  fullReview ? { join: '', where: '' } : { join, where: `AND NOT coalesce(${unchanged}, false)` };

export function itemSelection(selection: ItemSelection, params: unknown[]): SelectionSql {
  return selection.type === 'account'
    ? accountSelection(selection, params)
    : rightSelection(selection, params);
}

function keysParam(params: unknown[]) {
  return (list?: string[]) => `$${params.push(list && list.length > 0 ? list : null)}`;
}

function rightSelection(
  { scope, strategy, defaultReviewerKey, fullReview }: ItemSelection,
  params: unknown[],
): SelectionSql {
  const reviewer = reviewerSelection(strategy);
  const keys = keysParam(params);
  const [applications, permissions, identities] = [
    keys(scope.applicationKeys),
    keys(scope.permissionKeys),
    keys(scope.identityKeys),
  ];
  const defaultReviewer = `$${params.push(defaultReviewerKey)}`;
  const policy = scope.policy ? `AND ${scopeCondition(scope.policy, params)}` : '';
  const d = delta(fullReview, latestDecision('right', 'a.key'), RIGHT_UNCHANGED);
  return {
    joins: `JOIN assignment a ON a.status = 'ASSIGNED'
       ${SCOPE_JOINS}
       LEFT JOIN identity aco ON aco.id = ac.owner_id
       LEFT JOIN identity d ON d.key = ${defaultReviewer} AND d.status = 'active'
       CROSS JOIN LATERAL (SELECT ${reviewer.key} AS key, ${reviewer.origin} AS origin) r
       ${d.join}`,
    where: `${PRESENT_IN_LEDGER}
         ${d.where}
         AND (${applications}::text[] IS NULL OR ap.key = ANY(${applications}))
         AND (${permissions}::text[] IS NULL OR p.key = ANY(${permissions}))
         AND (${identities}::text[] IS NULL OR i.key = ANY(${identities}))
         ${policy}`,
    item: {
      kind: 'right',
      assignmentId: 'a.id',
      key: 'a.key',
      permissionKey: 'p.key',
      label: `i.display_name || ' · ' || ap.name || ' · ' || p.name`,
      recommendation: RIGHT_RECOMMENDATION,
    },
  };
}

/**
 * Every live account of the scoped applications, orphans (no owner: `i` is null) included; the account
 * owner may review their own account when the strategy says `accountowner`.
 */
function accountSelection(
  { scope, strategy, defaultReviewerKey, fullReview }: ItemSelection,
  params: unknown[],
): SelectionSql {
  const reviewer = reviewerSelection(strategy, ['accountowner']);
  const keys = keysParam(params);
  const [applications, identities] = [keys(scope.applicationKeys), keys(scope.identityKeys)];
  const defaultReviewer = `$${params.push(defaultReviewerKey)}`;
  const d = delta(fullReview, latestDecision('account', 'ac.key'), ACCOUNT_UNCHANGED);
  return {
    joins: `JOIN account ac ON ac.removed_import_id IS NULL AND ${LIVE_ACCOUNT}
       JOIN application ap ON ap.id = ac.application_id AND ap.removed_import_id IS NULL
       LEFT JOIN identity i ON i.id = ac.owner_id
       LEFT JOIN identity aco ON aco.id = ac.owner_id
       LEFT JOIN identity m ON m.id = i.manager_id
       LEFT JOIN identity apo ON apo.id = ap.owner_id
       LEFT JOIN identity d ON d.key = ${defaultReviewer} AND d.status = 'active'
       CROSS JOIN LATERAL (SELECT ${reviewer.key} AS key, ${reviewer.origin} AS origin) r
       ${d.join}`,
    where: `true
         ${d.where}
         AND (${applications}::text[] IS NULL OR ap.key = ANY(${applications}))
         AND (${identities}::text[] IS NULL OR i.key = ANY(${identities}))`,
    item: {
      kind: 'account',
      assignmentId: 'NULL::bigint',
      key: 'ac.key',
      permissionKey: 'NULL',
      label: `coalesce(i.display_name, 'No owner') || ' · ' || ap.name || ' · ' || ac.login`,
      recommendation: ACCOUNT_RECOMMENDATION,
    },
  };
}
