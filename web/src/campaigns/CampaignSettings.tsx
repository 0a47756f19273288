import { Table } from '@mantine/core';
import { showControls } from '../common/LedgerText';
import { useIdentity } from '../ledger';
import { durationWords } from './plan/duration';
import type { Campaign } from './queries';

/** Reviewer rules as a settings line names them. */
const RULE_WORDS: Record<string, string> = {
  linemanager: 'Line manager',
  applicationowner: 'Application owner',
  permissionowner: 'Permission owner',
  accountowner: 'Account owner',
  groupowner: 'Group owner',
  repositoryowner: 'Repository owner',
  myself: 'The person themselves',
  default: 'Default reviewer',
};
const COMMENT_REQUIRED: Record<string, string> = {
  never: 'never',
  revoke: 'when revoking',
  always: 'always',
};
const CONNECTOR: Record<string, string> = {
  embedded: 'a task for the application owner',
  itsm: 'an ITSM ticket',
  provisioning: 'a provisioning order',
};

const ON_DUE_DATE: Record<Campaign['onDueDate'], string> = {
  not_reviewed: 'marked not reviewed',
  approve: 'approved',
  revoke: 'revoked',
  follow_recommendation: 'approved when recommended, revoked when not, else not reviewed',
};

/** How the campaign was set up: what an auditor asks first. */
export function CampaignSettings({ campaign: c }: { campaign: Campaign }) {
  const { notifications: n, remediation: r } = c.options;
  const defaultKey = c.reviewers.defaultReviewerKey ?? c.ownerKey;
  // The last resort is a person (or a team's mailbox) of the ledger: named as the ledger names them.
  const fallback = useIdentity(defaultKey, { retry: false });
  const fallbackName = fallback.data?.displayName ?? defaultKey;
  const scope = [
    c.scope.applicationKeys && `applications ${c.scope.applicationKeys.join(', ')}`,
    c.scope.permissionKeys && `permissions ${c.scope.permissionKeys.join(', ')}`,
    c.scope.identityKeys && `identities ${c.scope.identityKeys.join(', ')}`,
    c.scope.policy && `the scope of policy ${c.policyId ?? ''}`,
  ].filter(Boolean);
  const rows: [string, string][] = [
    [
      'Reviews',
      c.type === 'account' ? 'accounts of the applications, orphans included' : 'access rights of identities',
    ],
    ['Priority', `${c.priority} of 5 (1 is the most urgent)`],
    [
      'Review',
      c.options.fullReview
        ? 'full: everything in scope'
        : 'delta: only what is new or changed since its last certification',
    ],
    ['Scope', scope.length ? scope.join('; ') : 'every assignment of the ledger'],
    [
      'Reviewers',
      [
        ...c.reviewers.strategy.filter((k) => k !== 'default').map((k) => RULE_WORDS[k] ?? k),
        fallbackName,
      ].join(' → '),
    ],
    ['Undecided at the due date', ON_DUE_DATE[c.onDueDate]],
    ['Comment required', COMMENT_REQUIRED[c.options.commentRequired] ?? c.options.commentRequired],
    ['Reviewers may forward themselves', c.options.allowSelfDelegation ? 'yes' : 'no'],
    ['Offline review (spreadsheet)', c.options.offlineReview ? 'allowed' : 'not allowed'],
    ['Inactive account after', `${c.options.inactiveAfterDays} days`],
    [
      'Reminders',
      n.reminders
        ? `after ${durationWords(n.reminders.first)}${n.reminders.every ? `, then every ${durationWords(n.reminders.every)}` : ''}`
        : 'none',
    ],
    ['Closing-soon notice', n.closingSoon ? `${durationWords(n.closingSoon)} before the due date` : 'none'],
    [
      'Escalation',
      n.escalateAfter
        ? `after ${durationWords(n.escalateAfter)}, to each reviewer’s manager (else the default reviewer, else the owner): one mail per person, listing their reviewers with undecided items`
        : 'none',
    ],
    [
      'Remediation',
      `${CONNECTOR[r.connector] ?? r.connector}${r.itsmInstance ? ` (${r.itsmInstance})` : ''}, applied ${r.applyDecisions === 'manual' ? 'by an administrator' : 'at finalization'}`,
    ],
  ];
  return (
    <Table aria-label="Settings" variant="vertical" withTableBorder>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={260}>{k}</Table.Th>
            <Table.Td>{showControls(v)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
