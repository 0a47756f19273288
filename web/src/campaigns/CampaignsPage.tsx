import { Anchor, Badge, Box, Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIsAdmin } from '../auth';
import { LedgerText } from '../common/LedgerText';
import { PagedTable, type Column } from '../common/PagedTable';
import { formatDate } from '../common/format';
import { DecidedProgress } from './DecidedProgress';
import { PriorityBadge } from '../common/PriorityBadge';
import { useCampaignList, type CampaignRow, type CampaignSort } from './queries';
import { CAMPAIGN_STATUS_COLOR, decidedOf, type CampaignStatus } from './status';

const columns: Column<CampaignRow>[] = [
  { header: 'Priority', cell: (c) => <PriorityBadge priority={c.priority} /> },
  { header: 'Number', cell: (c) => c.number },
  {
    header: 'Title',
    cell: (c) => (
      <Anchor component={Link} to={`/campaigns/${c.id}`}>
        {c.title}
      </Anchor>
    ),
  },
  {
    header: 'Status',
    cell: (c) => (
      <Badge color={CAMPAIGN_STATUS_COLOR[c.status]} variant="filled">
        {c.status}
      </Badge>
    ),
  },
  { header: 'Owner', cell: (c) => <LedgerText>{c.ownerKey}</LedgerText> },
  { header: 'Due', cell: (c) => formatDate(c.dueAt) },
  {
    header: 'Progress',
    cell: (c) => (
      <Box miw={180}>
        <DecidedProgress
          decided={decidedOf(c.counts) - c.closedAtDueDate}
          closedAtDueDate={c.closedAtDueDate}
          total={c.counts.total}
        />
      </Box>
    ),
  },
];

/** Administrators' and auditors' list of every campaign, newest or most urgent first, with its progress. */
export function CampaignsPage() {
  const [status, setStatus] = useState<CampaignStatus | null>(null);
  const isAdmin = useIsAdmin();
  const [text, setText] = useState('');
  const [sort, setSort] = useState<CampaignSort>('newest');
  const [q] = useDebouncedValue(text.trim(), 250);
  const campaigns = useCampaignList({ status, q, sort });
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
        <Select
          label="Order"
          w={220}
          data={[
            { value: 'newest', label: 'Newest first' },
            { value: 'priority', label: 'Most urgent first' },
          ]}
          value={sort}
          onChange={(v) => v && setSort(v as CampaignSort)}
          allowDeselect={false}
        />
      </Group>
      <PagedTable
        label="Campaigns"
        query={campaigns}
        columns={columns}
        rowKey={(c) => c.id}
        empty={status || q ? 'No campaign matches.' : 'No campaign yet.'}
      />
    </Stack>
  );
}
