import { Anchor, Badge, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LedgerText } from '../../common/LedgerText';
import { PagedTable, type Column } from '../../common/PagedTable';
import { formatDate } from '../../common/format';
import { useCampaignItems, type CampaignItem, type CampaignReport, type ItemFilter } from '../queries';
import { ITEM_STATUS } from '../status';
import { ITEM_FILTER_KEYS, itemFilterOf } from './item-filter';

const STATUS_LABEL = Object.fromEntries(ITEM_STATUS.map((s) => [s.status, s.label]));

const columns = (campaignId: string): Column<CampaignItem>[] => [
  {
    header: 'Access',
    cell: (i) => (
      <Anchor component={Link} to={`/campaigns/${campaignId}/items/${i.id}`}>
        <LedgerText>{i.label}</LedgerText>
      </Anchor>
    ),
  },
  { header: 'Identity', cell: (i) => <LedgerText>{i.identityKey ?? 'no owner'}</LedgerText> },
  { header: 'Reviewer', cell: (i) => <LedgerText>{i.responsibleReviewerKey}</LedgerText> },
  {
    header: 'Status',
    cell: (i) => (
      <Badge variant="outline" color="dark">
        {STATUS_LABEL[i.status]}
      </Badge>
    ),
  },
  {
    header: 'Decided',
    cell: (i) =>
      !i.decidedAt ? (
        '—'
      ) : i.decidedBy === 'system' ? (
        <>At the due date, {formatDate(i.decidedAt)}</>
      ) : (
        <>
          <LedgerText>{i.decidedBy}</LedgerText>, {formatDate(i.decidedAt)}
        </>
      ),
  },
];

/**
 * A campaign's items one by one, for finding a decision: by reviewer, status, who closed it (a reviewer or
 * the due date), application, and a piece of a name or key. The filters live in the address, so a
 * reviewer's row in the progress table links here and a filtered list can be shared.
 */
export function CampaignItemsTab({ campaignId, report }: { campaignId: string; report?: CampaignReport }) {
  const [params, setParams] = useSearchParams();
  const filter = itemFilterOf(params);
  const [text, setText] = useState(filter.q ?? '');
  const setFilter = (key: keyof ItemFilter, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  // The address (and the search) follows what is typed once typing pauses.
  const search = useDebouncedCallback((typed: string) => setFilter('q', typed.trim() || null), 300);
  const query = useCampaignItems(campaignId, filter);
  const reviewers = (report?.byReviewer ?? []).map((r) => ({
    value: r.key,
    label: r.name ? `${r.name} (${r.key})` : r.key,
  }));
  const applications = (report?.byApplication ?? []).map((a) => ({ value: a.key, label: a.name ?? a.key }));
  const filtered = ITEM_FILTER_KEYS.some((k) => filter[k]);
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <TextInput
          label="Search"
          description="A name or key: identity, permission, application"
          value={text}
          onChange={(e) => {
            const typed = e.currentTarget.value;
            setText(typed);
            search(typed);
          }}
          w={280}
        />
        <Select
          label="Reviewer"
          data={reviewers}
          value={filter.reviewer ?? null}
          onChange={(v) => setFilter('reviewer', v)}
          searchable
          clearable
          w={240}
        />
        <Select
          label="Status"
          data={ITEM_STATUS.map((s) => ({ value: s.status, label: s.label }))}
          value={filter.status ?? null}
          onChange={(v) => setFilter('status', v)}
          clearable
          w={170}
        />
        <Select
          label="Decided by"
          data={[
            { value: 'reviewer', label: 'A reviewer' },
            { value: 'due-date', label: 'The due date' },
          ]}
          value={filter.decidedBy ?? null}
          onChange={(v) => setFilter('decidedBy', v)}
          clearable
          w={170}
        />
        <Select
          label="Application"
          data={applications}
          value={filter.application ?? null}
          onChange={(v) => setFilter('application', v)}
          searchable
          clearable
          w={200}
        />
      </Group>
      <Text size="sm" c="dimmed">
        Open an item for its whole story: who decided, when, through which session, and what followed.
      </Text>
      <PagedTable
        label="Campaign items"
        query={query}
        columns={columns(campaignId)}
        rowKey={(i) => i.id}
        empty={filtered ? 'No item matches these filters.' : 'The campaign has no items.'}
      />
    </Stack>
  );
}
