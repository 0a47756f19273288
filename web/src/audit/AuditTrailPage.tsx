import { Anchor, Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LedgerText } from '../common/LedgerText';
import { PagedTable, usePaged, type Column } from '../common/PagedTable';
import { VerifyChain } from './ChainVerdict';
import { fetchAuditPage, type AuditEntry, type AuditFilter } from './queries';

const FILTERS = [
  ['objectType', 'Object type', 'campaign, review_item, policy…'],
  ['objectId', 'Object id', ''],
  ['actor', 'Actor', 'Identity key or client id'],
  ['action', 'Action', 'campaign.paused, item.decided…'],
] as const;

const localToIso = (v: string) => (v ? new Date(v).toISOString() : undefined);

const columns: Column<AuditEntry>[] = [
  { header: 'When', cell: (e) => new Date(e.at).toLocaleString() },
  { header: 'Actor', cell: (e) => <LedgerText>{e.actor}</LedgerText> },
  { header: 'Via', cell: (e) => e.via ?? 'system' },
  { header: 'Action', cell: (e) => e.action },
  {
    header: 'Object',
    cell: (e) =>
      e.objectType === 'campaign' ? (
        <Anchor component={Link} to={`/campaigns/${e.objectId}`}>
          campaign {e.objectId}
        </Anchor>
      ) : (
        <>
          {e.objectType} <LedgerText>{e.objectId}</LedgerText>
        </>
      ),
  },
  { header: 'Sequence', cell: (e) => `#${e.seq}` },
  { header: 'Hash', cell: (e) => <Code>{e.hash.slice(0, 12)}</Code> },
];

/**
 * The append-only audit trail, newest first, for auditors and administrators: filtered by object, actor,
 * action and time (kept in the address), and the chain verified on demand.
 */
export function AuditTrailPage() {
  const [params, setParams] = useSearchParams();
  const applied: AuditFilter = Object.fromEntries(
    ['objectType', 'objectId', 'actor', 'action', 'from', 'to']
      .map((k) => [k, params.get(k) ?? undefined])
      .filter(([, v]) => v),
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
  return (
    <Stack>
      <Title order={1}>Audit trail</Title>
      <VerifyChain />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Group align="end">
          {FILTERS.map(([k, label, placeholder]) => (
            <TextInput
              key={k}
              label={label}
              placeholder={placeholder}
              value={form[k]}
              onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
            />
          ))}
          <TextInput
            label="From"
            type="datetime-local"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
          <TextInput
            label="To"
            type="datetime-local"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.currentTarget.value })}
          />
          <Button type="submit">Filter</Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed">
        Newest first. Every entry names who acted, through which session or client, and chains to the one
        before by its hash.
      </Text>
      <PagedTable
        label="Audit entries"
        query={query}
        columns={columns}
        rowKey={(e) => e.id}
        empty="No entry matches these filters."
      />
    </Stack>
  );
}
