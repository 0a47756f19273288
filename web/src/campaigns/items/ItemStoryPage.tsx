import { Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { LedgerText } from '../../common/LedgerText';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useItemStory, type ItemStory } from '../queries';
import { ITEM_STATUS } from '../status';
import { itemsTabPath } from './item-filter';
import { dateTime } from './format';
import { ItemEvents } from './ItemEvents';
import { Person } from './Person';

const STATUS_LABEL: Record<string, string> = Object.fromEntries(ITEM_STATUS.map((s) => [s.status, s.label]));
const RECOMMENDATION = {
  recommended: 'Keep (recommended)',
  not_recommended: 'Revoke (not recommended)',
  none: 'No recommendation',
};
const CLOSED_STATUS: Record<number, string> = {
  [-1]: 'open',
  0: 'in progress',
  1: 'done',
  2: 'refused or failed',
};

function Facts({ rows, label }: { rows: [string, ReactNode][]; label: string }) {
  return (
    <Table aria-label={label} variant="vertical" withTableBorder>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={220}>{k}</Table.Th>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function outcome(s: ItemStory): ReactNode {
  const { item } = s;
  const status = STATUS_LABEL[item.status] ?? item.status;
  if (!item.decidedAt || !item.decidedBy) return status;
  if (s.closedAtDueDate)
    return `${status}: closed at the due date, ${dateTime(item.decidedAt)} (no reviewer decided)`;
  return (
    <>
      {status} by <LedgerText>{item.decidedBy}</LedgerText>, {dateTime(item.decidedAt)}
    </>
  );
}

function evidence(s: ItemStory): string {
  const { item } = s;
  const facts = [
    item.mover && 'moved since the access was last approved',
    item.inactive && 'inactive account',
    item.lastLoginAt && `last sign-in ${dateTime(item.lastLoginAt)}`,
  ].filter(Boolean);
  return facts.length ? facts.join('; ') : 'nothing unusual';
}

/**
 * One review item's whole story, for administrators and auditors: whose access to what, who reviewed it,
 * every decision and forward (who, when, alone or with others, through which session), what followed.
 */
export function ItemStoryPage() {
  const { campaignId = '', itemId = '' } = useParams();
  const story = useItemStory(campaignId, itemId);
  if (story.isPending) return <Loader role="progressbar" aria-label="Loading the item" />;
  if (story.isError) return <ProblemAlert error={story.error} title="The item could not be loaded" />;
  const s = story.data;
  const { item } = s;
  const back = itemsTabPath(campaignId);
  return (
    <Stack>
      <Group gap="md">
        <Anchor component={Link} to={back} size="sm">
          ← Items of {s.campaign.number}
        </Anchor>
      </Group>
      <Stack gap={4}>
        <Title order={1}>
          <LedgerText>{item.label}</LedgerText>
        </Title>
        <Group gap="sm">
          <Badge variant="outline" color="dark">
            {STATUS_LABEL[item.status] ?? item.status}
          </Badge>
          <Text size="sm">
            Item {item.id} of{' '}
            <Anchor component={Link} to={`/campaigns/${s.campaign.id}`}>
              {s.campaign.number} · <LedgerText>{s.campaign.title}</LedgerText>
            </Anchor>
          </Text>
        </Group>
      </Stack>
      <Facts
        label="The item"
        rows={[
          ['Identity', s.identity ? <Person p={s.identity} /> : 'No owner (orphan account)'],
          ['Application', <LedgerText key="a">{s.applicationName ?? item.applicationKey}</LedgerText>],
          [
            item.kind === 'account' ? 'Account' : 'Permission',
            <LedgerText key="p">
              {item.kind === 'account'
                ? item.accountKey
                : `${s.permissionName ?? item.permissionKey} (${item.permissionKey})`}
            </LedgerText>,
          ],
          ['Outcome', outcome(s)],
          ['Comment', item.comment ? <LedgerText>{item.comment}</LedgerText> : 'none'],
          ['Recommendation', RECOMMENDATION[item.recommendation]],
          ['Evidence', evidence(s)],
          ['Accountable reviewer', <Person key="ar" p={s.accountableReviewer} />],
          ['Responsible reviewer', <Person key="rr" p={s.responsibleReviewer} />],
          [
            'Forwarded',
            s.forward ? (
              <>
                by <Person p={s.forward.by} />
                {s.forward.reason ? (
                  <>
                    {': '}“<LedgerText>{s.forward.reason}</LedgerText>”
                  </>
                ) : (
                  ' (no reason given)'
                )}
              </>
            ) : (
              'no'
            ),
          ],
        ]}
      />
      <Title order={2}>Decisions and changes</Title>
      <ItemEvents events={s.events} />
      <Anchor component={Link} to={`/audit?objectType=review_item&objectId=${item.id}`}>
        Its entries in the audit trail
      </Anchor>
      <Title order={2}>Remediation</Title>
      {s.remediation ? (
        <Facts
          label="Remediation"
          rows={[
            ['Action', `${s.remediation.action} by ${s.remediation.type}`],
            [
              'State',
              `${CLOSED_STATUS[s.remediation.closedStatus] ?? s.remediation.status} (${s.remediation.status})`,
            ],
            [
              'Ticket',
              s.remediation.externalNumber ? (
                <LedgerText>
                  {`${s.remediation.itsmInstance ?? ''} ${s.remediation.externalNumber}`.trim()}
                </LedgerText>
              ) : (
                'none'
              ),
            ],
            ['Created', dateTime(s.remediation.createdAt)],
            [
              'Closed',
              s.remediation.closedAt
                ? `${dateTime(s.remediation.closedAt)}${s.remediation.closedBy ? ` by ${s.remediation.closedBy}` : ''}`
                : 'not yet',
            ],
            ['Verified against the ledger', s.remediation.verification.replace('_', ' ')],
          ]}
        />
      ) : (
        <Text>No remediation: nothing to revoke or change, or the decisions are not applied yet.</Text>
      )}
      <Title order={2}>Mail to its reviewers</Title>
      {s.mails.length === 0 ? (
        <Text>No mail was sent to its reviewers in this campaign.</Text>
      ) : (
        <Table aria-label="Mail to its reviewers" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Subject</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.mails.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{dateTime(m.sentAt ?? m.at)}</Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/mail?campaign=${s.campaign.id}&person=${encodeURIComponent(m.recipient.key)}`}
                  >
                    <LedgerText>{m.recipient.name ?? m.recipient.key}</LedgerText>
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {m.event} ({m.status})
                </Table.Td>
                <Table.Td>
                  <LedgerText>{m.subject ?? '—'}</LedgerText>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
