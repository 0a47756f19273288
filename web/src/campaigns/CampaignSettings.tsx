import { Table } from '@mantine/core';
import { showControls } from '../common/LedgerText';
import type { Campaign } from './queries';

const ON_DUE_DATE: Record<Campaign['onDueDate'], string> = {
  not_reviewed: 'marked not reviewed',
  approve: 'approved',
  revoke: 'revoked',
  follow_recommendation: 'approved when recommended, revoked when not, else not reviewed',
};

/** How the campaign was set up: what an auditor asks first. */
export function CampaignSettings({ campaign: c }: { campaign: Campaign }) {
  const { notifications: n, remediation: r } = c.options;
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
    ['Reviewers', `${c.reviewers.strategy.join(' → ')} → ${c.reviewers.defaultReviewerKey ?? c.ownerKey}`],
    ['Undecided at the due date', ON_DUE_DATE[c.onDueDate]],
    ['Comment required', c.options.commentRequired],
    ['Reviewers may forward themselves', c.options.allowSelfDelegation ? 'yes' : 'no'],
    ['Offline review (spreadsheet)', c.options.offlineReview ? 'allowed' : 'not allowed'],
    ['Inactive account after', `${c.options.inactiveAfterDays} days`],
    [
      'Reminders',
      n.reminders
        ? `first after ${n.reminders.first}${n.reminders.every ? `, then every ${n.reminders.every}` : ''}`
        : 'none',
    ],
    ['Escalation', n.escalateAfter ? `after ${n.escalateAfter}` : 'none'],
    [
      'Remediation',
      `${r.connector}${r.itsmInstance ? ` (${r.itsmInstance})` : ''}, applied ${r.applyDecisions === 'manual' ? 'by an administrator' : 'at finalization'}`,
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
