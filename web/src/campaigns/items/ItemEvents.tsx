import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LedgerText } from '../../common/LedgerText';
import type { ItemStory } from '../queries';
import { ITEM_STATUS } from '../status';
import { dateTime } from './format';
import { Person } from './Person';

type ItemEvent = ItemStory['events'][number];

const ACTION: Record<string, string> = {
  'item.decided': 'Decided',
  'item.forwarded': 'Forwarded',
  'item.sent_to_reassign': 'Sent to the reassignment queue',
  'item.reassigned': 'Reassigned by an administrator',
  'item.delegation_reset': 'Given back to the accountable reviewer',
  'item.resolved_at_due_date': 'Closed at the due date',
};
const STATUS_LABEL: Record<string, string> = Object.fromEntries(ITEM_STATUS.map((s) => [s.status, s.label]));

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** What changed, in words: the status before → after, the comment, and where the item went. */
function Change({ e }: { e: ItemEvent }) {
  const before = text(e.before?.status);
  const after = text(e.after?.status);
  const comment = text(e.after?.comment);
  const to = text(e.after?.responsible);
  const from = text(e.before?.responsible);
  const details = e.after?.details as { endDate?: string; forwardReason?: string } | null | undefined;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {ACTION[e.action] ?? e.action}
      </Text>
      {after && before !== after && (
        <Text size="sm">
          {STATUS_LABEL[before ?? ''] ?? before ?? '—'} → {STATUS_LABEL[after] ?? after}
        </Text>
      )}
      {to && from !== to && (
        <Text size="sm">
          Reviewer <LedgerText>{from ?? '—'}</LedgerText> → <LedgerText>{to}</LedgerText>
        </Text>
      )}
      {details?.endDate && <Text size="sm">Until {details.endDate}</Text>}
      {comment && (
        <Text size="sm">
          “<LedgerText>{comment}</LedgerText>”
        </Text>
      )}
      {text(e.after?.forwardReason) && (
        <Text size="sm">
          Reason: “<LedgerText>{text(e.after?.forwardReason)}</LedgerText>”
        </Text>
      )}
    </Stack>
  );
}

function How({ e }: { e: ItemEvent }) {
  if (e.action === 'item.resolved_at_due_date') return <>By the campaign’s due-date rule</>;
  if (e.batchSize === null) return <>—</>;
  if (e.batchSize <= 1) return <>Single decision</>;
  return <>Bulk: with {e.batchSize - 1} other items at once</>;
}

function Through({ e }: { e: ItemEvent }) {
  if (e.session)
    return (
      <Stack gap={2}>
        <Anchor component={Link} to={`/audit?via=${e.session.id}`}>
          Session {e.session.id.slice(0, 8)}
        </Anchor>
        <Text size="xs">signed in {dateTime(e.session.createdAt)}</Text>
        {e.session.userAgent && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            <LedgerText>{e.session.userAgent}</LedgerText>
          </Text>
        )}
      </Stack>
    );
  if (e.via)
    return (
      <Anchor component={Link} to={`/audit?via=${encodeURIComponent(e.via)}`}>
        <LedgerText>{e.via}</LedgerText>
      </Anchor>
    );
  return <>—</>;
}

/** Every audit entry about an item, oldest first: who, when, what changed, alone or in bulk, through what. */
export function ItemEvents({ events }: { events: ItemEvent[] }) {
  if (events.length === 0) return <Text>Nobody has acted on this item yet.</Text>;
  return (
    <Table aria-label="Decisions and changes" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th>How</Table.Th>
          <Table.Th>Through</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{dateTime(e.at)}</Table.Td>
            <Table.Td>{e.actor.key === 'system' ? 'Recert' : <Person p={e.actor} />}</Table.Td>
            <Table.Td>
              <Change e={e} />
            </Table.Td>
            <Table.Td>
              <How e={e} />
            </Table.Td>
            <Table.Td>
              <Through e={e} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
