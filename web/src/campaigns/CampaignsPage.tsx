import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { useSession } from '../auth/session';
import { formatDate } from '../reviews/format';
import { CAMPAIGN_STATUS_COLOR, decidedOf, type CampaignStatus } from './status';

const fetchPage = (status: CampaignStatus | null, q: string, cursor?: string) =>
  ok(
    api.GET('/api/v1/campaigns', {
      params: { query: { limit: 50, cursor, status: status ?? undefined, q: q || undefined } },
    }),
  );

/** Administrators' and auditors' list of every campaign, newest first, with its progress. */
export function CampaignsPage() {
  const [status, setStatus] = useState<CampaignStatus | null>(null);
  const isAdmin = useSession().roles.includes('admin');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const campaigns = useInfiniteQuery({
    queryKey: ['campaigns', status, q],
    queryFn: ({ pageParam }) => fetchPage(status, q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = campaigns.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Campaigns</Title>
        {isAdmin && (
          <Button component={Link} to="/campaigns/new">
            New campaign
          </Button>
        )}
      </Group>
      <Group>
        <TextInput
          label="Search"
          placeholder="Title or number"
          w={260}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          w={200}
          data={Object.keys(CAMPAIGN_STATUS_COLOR)}
          value={status}
          onChange={(v) => setStatus(v as CampaignStatus | null)}
        />
      </Group>
      {campaigns.isPending && <Loader aria-label="Loading the campaigns" />}
      {campaigns.isError && (
        <Alert color="red" role="alert" title="The campaigns could not be loaded">
          {campaigns.error.message}
        </Alert>
      )}
      {campaigns.isSuccess && rows.length === 0 && (
        <Text>{status || q ? 'No campaign matches.' : 'No campaign yet.'}</Text>
      )}
      {rows.length > 0 && (
        <Table striped aria-label="Campaigns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Progress</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => {
              const decided = decidedOf(c.counts);
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.number}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/campaigns/${c.id}`}>
                      {c.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={CAMPAIGN_STATUS_COLOR[c.status]} variant="filled">
                      {c.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.ownerKey}</Table.Td>
                  <Table.Td>{formatDate(c.dueAt)}</Table.Td>
                  <Table.Td miw={180}>
                    <Progress
                      value={c.counts.total ? (100 * decided) / c.counts.total : 0}
                      aria-label={`${decided} of ${c.counts.total} decided`}
                    />
                    <Text size="xs" c="dimmed">
                      {decided} of {c.counts.total} decided
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {campaigns.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={campaigns.isFetchingNextPage}
            onClick={() => void campaigns.fetchNextPage()}
          >
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
