import { Alert, Anchor, Badge, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { PriorityBadge } from '../campaigns/PriorityBadge';
import { LedgerText } from '../common/LedgerText';
import { formatDate, fromNow } from './format';
import { useMyCampaigns } from './queries';

/** Seed 000's list: every campaign under review where the reviewer has items, most urgent and soonest due first. */
export function MyReviewsPage() {
  const me = useSession();
  const campaigns = useMyCampaigns();
  const [now] = useState(Date.now);
  return (
    <Stack>
      <Title order={1}>My reviews</Title>
      <Text c="dimmed">
        Signed in as <LedgerText>{me.displayName}</LedgerText>. Open a campaign to review the access listed
        for you.
      </Text>
      {campaigns.isPending && <Loader role="progressbar" aria-label="Loading your campaigns" />}
      {campaigns.isError && (
        <Alert color="red" role="alert" title="Your campaigns could not be loaded">
          {campaigns.error.message}
        </Alert>
      )}
      {campaigns.data?.length === 0 && <Text>Nothing to review right now.</Text>}
      {campaigns.data && campaigns.data.length > 0 && (
        <Table striped highlightOnHover aria-label="Campaigns to review">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Priority</Table.Th>
              <Table.Th>Campaign</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>To review</Table.Th>
              <Table.Th>Progress</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.data.map((c) => {
              const decided = c.total - c.pending;
              const overdue = Date.parse(c.dueAt) < now;
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <PriorityBadge priority={c.priority} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/reviews/${c.id}`} fw={600}>
                      {c.title}
                    </Anchor>
                    <Group gap={6} mt={2}>
                      <Text size="xs" c="dimmed">
                        {c.number}
                      </Text>
                      {c.status === 'paused' && (
                        <Badge size="xs" color="yellow">
                          paused
                        </Badge>
                      )}
                      {c.drafts > 0 && (
                        <Badge size="xs" color="grape" variant="light">
                          {c.drafts} unconfirmed
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(c.dueAt)}</Text>
                    <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
                      {fromNow(c.dueAt, now)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fw={600}>{c.pending}</Text>
                  </Table.Td>
                  <Table.Td miw={180}>
                    <Progress
                      value={c.total === 0 ? 0 : (100 * decided) / c.total}
                      aria-label={`${decided} of ${c.total} decided`}
                    />
                    <Text size="xs" c="dimmed" mt={2}>
                      {decided} of {c.total} decided
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
