import { Badge, Checkbox, Group, Select, TextInput } from '@mantine/core';
import type { RefObject } from 'react';
import { showControls } from '../common/LedgerText';
import { STATUS_LABEL } from './decisions';
import type { ItemFilters } from './filters';
import type { ReviewItem } from './queries';
import type { SetFilter } from './useItemFilters';

/**
 * The counts by status (each a filter of its own) and the filters: search, status, application,
 * recommendation, movers, inactive accounts.
 */
export function ItemFilterBar({
  items,
  drafts,
  filters,
  setFilter,
  searchRef,
}: {
  items: ReviewItem[];
  drafts: number;
  filters: ItemFilters;
  setFilter: SetFilter;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
  const applications = [...new Map(items.map((i) => [i.application.key, i.application.name])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([value, label]) => ({ value, label: showControls(label) }));
  return (
    <>
      <Group gap="xs" aria-label="Counts by status">
        {Object.entries(STATUS_LABEL)
          .filter(([status]) => counts[status])
          .map(([status, label]) => (
            <Badge
              key={status}
              component="button"
              variant={filters.status === status ? 'filled' : 'light'}
              aria-pressed={filters.status === status}
              onClick={() =>
                setFilter('status', filters.status === status ? null : (status as ReviewItem['status']))
              }
              style={{ cursor: 'pointer' }}
            >
              {label}: {counts[status]}
            </Badge>
          ))}
        {drafts > 0 && <Badge color="grape">Unconfirmed: {drafts}</Badge>}
      </Group>
      <Group gap="xs" align="flex-end">
        <TextInput
          ref={searchRef}
          label="Search"
          placeholder="Name, application, permission, comment"
          value={filters.text}
          onChange={(e) => setFilter('text', e.currentTarget.value)}
          w={260}
        />
        <Select
          label="Status"
          clearable
          data={[
            ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })),
            { value: 'drafts', label: 'Unconfirmed drafts' },
          ]}
          value={filters.status}
          onChange={(v) => setFilter('status', v as ItemFilters['status'])}
          w={190}
        />
        <Select
          label="Application"
          clearable
          searchable
          data={applications}
          value={filters.application}
          onChange={(v) => setFilter('application', v)}
          w={180}
        />
        <Select
          label="Recommendation"
          clearable
          data={[
            { value: 'recommended', label: 'Recommended' },
            { value: 'not_recommended', label: 'Not recommended' },
            { value: 'none', label: 'No recommendation' },
          ]}
          value={filters.recommendation}
          onChange={(v) => setFilter('recommendation', v as ItemFilters['recommendation'])}
          w={180}
        />
        <Checkbox
          label="Movers"
          checked={filters.mover}
          onChange={(e) => setFilter('mover', e.currentTarget.checked)}
        />
        <Checkbox
          label="Inactive accounts"
          checked={filters.inactive}
          onChange={(e) => setFilter('inactive', e.currentTarget.checked)}
        />
      </Group>
    </>
  );
}
