import { Badge, Group, Select, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { LedgerText, showControls } from '../common/LedgerText';
import { PagedTable, type Column } from '../common/PagedTable';
import { PersonPicker } from '../people';
import { MailMessageDialog } from './MailMessageDialog';
import {
  EVENT_WORDS,
  STATUS_COLOR,
  STATUS_WORDS,
  useCampaignChoices,
  useMailPage,
  type MailEvent,
  type MailFilter,
  type MailRow,
  type MailStatus,
} from './queries';

const isEvent = (v: string | null): v is MailEvent => v !== null && v in EVENT_WORDS;
const isStatus = (v: string | null): v is MailStatus => v !== null && v in STATUS_WORDS;

/**
 * The mail log for administrators and auditors: every message Recert sent or skipped, newest first,
 * filtered by campaign, person and event (kept in the address: `/mail?campaign=…&person=…&event=…`), each
 * opened to read what was sent.
 */
export function MailPage() {
  const [params, setParams] = useSearchParams();
  const event = params.get('event');
  const status = params.get('status');
  const filter: MailFilter = {
    campaignId: params.get('campaign') ?? undefined,
    recipientKey: params.get('person') ?? undefined,
    event: isEvent(event) ? event : undefined,
    status: isStatus(status) ? status : undefined,
  };
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'message') next.delete('message');
    setParams(next, { replace: name !== 'message' });
  };
  const campaigns = useCampaignChoices();
  const campaignOptions = (campaigns.data?.items ?? []).map((c) => ({
    value: c.id,
    label: showControls(`${c.number} · ${c.title}`),
  }));
  if (filter.campaignId && !campaignOptions.some((o) => o.value === filter.campaignId)) {
    campaignOptions.push({ value: filter.campaignId, label: filter.campaignId });
  }
  const query = useMailPage(filter);
  const open = (row: MailRow) => set('message', row.id);

  const columns: Column<MailRow>[] = [
    { header: 'Logged', cell: (m) => new Date(m.createdAt).toLocaleString() },
    {
      header: 'To',
      cell: (m) => (
        <>
          <LedgerText>{m.recipientName ?? m.recipientKey}</LedgerText>
          <Text size="xs" c="dimmed">
            {m.recipientEmail ?? m.recipientKey}
          </Text>
        </>
      ),
    },
    { header: 'Campaign', cell: (m) => m.campaignNumber ?? m.campaignId },
    { header: 'Event', cell: (m) => EVENT_WORDS[m.event] },
    {
      header: 'Subject',
      cell: (m) => (
        <UnstyledButton
          onClick={() => open(m)}
          td="underline"
          c="blue.8"
          aria-label={`Open message: ${m.subject ?? EVENT_WORDS[m.event]} to ${m.recipientName ?? m.recipientKey}`}
        >
          {m.subject ?? `(not sent) ${EVENT_WORDS[m.event]}`}
        </UnstyledButton>
      ),
    },
    {
      header: 'Status',
      cell: (m) => (
        <Badge color={STATUS_COLOR[m.status]} variant="filled">
          {m.status === 'skipped' ? 'not sent' : m.status}
        </Badge>
      ),
    },
  ];

  return (
    <Stack>
      <Title order={1}>Mail</Title>
      <Text size="sm">
        Every message Recert sent or did not send (and why), newest first. Open one to read it as it was sent.
      </Text>
      <Group align="end" wrap="wrap">
        <Select
          label="Campaign"
          placeholder="Every campaign"
          data={campaignOptions}
          value={filter.campaignId ?? null}
          onChange={(v) => set('campaign', v)}
          searchable
          clearable
          w={320}
        />
        <PersonPicker
          label="Person (recipient)"
          initialKey={filter.recipientKey ?? null}
          onChange={(key) => {
            if (key !== (filter.recipientKey ?? null)) set('person', key);
          }}
        />
        <Select
          label="Event"
          placeholder="Every event"
          data={Object.entries(EVENT_WORDS).map(([value, label]) => ({ value, label }))}
          value={filter.event ?? null}
          onChange={(v) => set('event', v)}
          clearable
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={Object.entries(STATUS_WORDS).map(([value, label]) => ({ value, label }))}
          value={filter.status ?? null}
          onChange={(v) => set('status', v)}
          clearable
        />
      </Group>
      <PagedTable
        label="Messages"
        query={query}
        columns={columns}
        rowKey={(m) => m.id}
        empty="No message matches these filters."
      />
      <MailMessageDialog id={params.get('message')} onClose={() => set('message', null)} />
    </Stack>
  );
}
