import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { formatDate } from '../reviews/format';

type CampaignStatus = 'init' | 'active' | 'paused' | 'finalizing' | 'closed' | 'cancelled';

const STATUS_COLOR: Record<CampaignStatus, string> = {
  init: 'gray',
  active: 'blue',
  paused: 'yellow',
  finalizing: 'grape',
  closed: 'teal',
  cancelled: 'dark',
};

const fetchPage = (status: CampaignStatus | null, cursor?: string) =>
  ok(api.GET('/api/v1/campaigns', { params: { query: { limit: 50, cursor, status: status ?? undefined } } }));

/** Administrators' and auditors' list of every campaign, newest first, with its progress. */
export function CampaignsPage() {
  const [status, setStatus] = useState<CampaignStatus | null>(null);
  const campaigns = useInfiniteQuery({
    queryKey: ['campaigns', status],
    queryFn: ({ pageParam }) => fetchPage(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = campaigns.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={1}>Campaigns</Title>
      <Select
        label="Status"
        clearable
        w={200}
        data={Object.keys(STATUS_COLOR)}
        value={status}
        onChange={(v) => setStatus(v as CampaignStatus | null)}
      />
      {campaigns.isPending && <Loader aria-label="Loading the campaigns" />}
      {campaigns.isError && (
        <Alert color="red" role="alert" title="The campaigns could not be loaded">
          {campaigns.error.message}
        </Alert>
      )}
      {campaigns.isSuccess && rows.length === 0 && (
        <Text>No campaign{status ? ` is ${status}` : ' yet'}.</Text>
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
              const decided = c.counts.total - c.counts.to_be_reviewed - c.counts.reassign;
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.number}</Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[c.status]} variant="light">
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
