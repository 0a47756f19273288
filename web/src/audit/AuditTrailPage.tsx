import { Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PagedTable, ShowMore, usePaged, type Column } from '../common/PagedTable';
import { ActionCell, ChangeCell, ObjectCell, SessionSummary, ViaCell, WhoCell } from './AuditEntryParts';
import { VerifyChain } from './ChainVerdict';
import { fetchAuditPage, type AuditEntry, type AuditFilter } from './queries';

const FILTERS = [
  ['objectType', 'Object type', 'campaign, review_item, policy…'],
  ['objectId', 'Object id', ''],
  ['actor', 'Actor', 'Identity key or client id'],
  ['action', 'Action', 'campaign.paused, item.decided…'],
  ['via', 'Session or client', 'Session id, client:…'],
] as const;
const KEYS = ['objectType', 'objectId', 'actor', 'action', 'via', 'from', 'to'] as const;

const localToIso = (v: string) => (v ? new Date(v).toISOString() : undefined);

const columns: Column<AuditEntry>[] = [
  { header: 'When', cell: (e) => new Date(e.at).toLocaleString() },
  { header: 'Who', cell: (e) => <WhoCell e={e} /> },
  { header: 'Action', cell: (e) => <ActionCell e={e} /> },
  { header: 'Object', cell: (e) => <ObjectCell e={e} /> },
  { header: 'Change (before → after)', cell: (e) => <ChangeCell e={e} /> },
  { header: 'Via', cell: (e) => <ViaCell e={e} /> },
  {
    header: 'Chain',
    cell: (e) => (
      <Text size="xs">
        #{e.seq} <Code>{e.hash.slice(0, 12)}</Code>
      </Text>
    ),
  },
];

/** On a phone each entry is a card of the same fields, one under the other: no table to scroll sideways. */
function AuditCards({ query }: { query: ReturnType<typeof usePaged<AuditEntry>> }) {
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack component="ul" aria-label="Audit entries" p={0} m={0} style={{ listStyle: 'none' }}>
      {rows.map((e) => (
        <Paper component="li" key={e.id} withBorder p="sm">
          <Stack gap="xs">
            {columns.map((c) => (
              <div key={c.header}>
                <Text size="xs" c="dimmed" fw={600}>
                  {c.header}
                </Text>
                {c.cell(e)}
              </div>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/**
 * The append-only audit trail, newest first, for auditors and administrators: each entry says who did what
 * to which object (with its page), what changed, whether it was one of a bulk action, and through which
 * session. Filters (object, actor, action, session, time) are kept in the address; the chain is verified
 * on demand.
 */
export function AuditTrailPage() {
  const [params, setParams] = useSearchParams();
  const phone = useMediaQuery('(max-width: 700px)');
  const applied: AuditFilter = Object.fromEntries(
    KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const [form, setForm] = useState<Record<string, string>>({
    ...Object.fromEntries(FILTERS.map(([k]) => [k, params.get(k) ?? ''])),
    from: '',
    to: '',
  });
  const query = usePaged(['audit', applied], (cursor) => fetchAuditPage(applied, cursor));
  const apply = () => {
    const next = new URLSearchParams();
    for (const [k] of FILTERS) if (form[k].trim()) next.set(k, form[k].trim());
    const from = localToIso(form.from);
    const to = localToIso(form.to);
    if (from) next.set('from', from);
    if (to) next.set('to', to);
    setParams(next, { replace: true });
  };
  const first = query.data?.pages[0]?.items[0];
  return (
    <Stack>
      <Title order={1}>Audit trail</Title>
      <VerifyChain />
      <form
        aria-label="Filter the audit trail"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          {FILTERS.map(([k, label, placeholder]) => (
            <TextInput
              key={k}
              label={label}
              placeholder={placeholder}
              value={form[k]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, [k]: value }));
              }}
            />
          ))}
          <TextInput
            label="From"
            type="datetime-local"
            value={form.from}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm((f) => ({ ...f, from: value }));
            }}
          />
          <TextInput
            label="To"
            type="datetime-local"
            value={form.to}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm((f) => ({ ...f, to: value }));
            }}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit">Filter</Button>
        </Group>
      </form>
      {applied.via && <SessionSummary via={applied.via} session={first?.session ?? null} />}
      <Text size="sm" c="dimmed">
        Newest first. Every entry names who acted, what changed, through which session or client, and chains
        to the one before by its hash.
      </Text>
      {phone ? (
        <>
          <AuditCards query={query} />
          {query.isSuccess && !first && <Text>No entry matches these filters.</Text>}
          <ShowMore query={query} />
        </>
      ) : (
        <PagedTable
          label="Audit entries"
          query={query}
          columns={columns}
          rowKey={(e) => e.id}
          empty="No entry matches these filters."
        />
      )}
    </Stack>
  );
}
