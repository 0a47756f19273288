import {
  Alert,
  Anchor,
  Badge,
  Group,
  Loader,
  Progress,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../auth';
import { PriorityBadge } from '../common/PriorityBadge';
import { LedgerText } from '../common/LedgerText';
import { formatDate, fromNow } from '../common/format';
import { useMyCampaigns, useMyClosedCampaigns, type MyCampaign } from './queries';

/**
 * Seed 000's list: every campaign under review where the reviewer has items, most urgent and soonest due
 * first; and the campaigns that ended, with what the reviewer decided in each (`?tab=closed`).
 */
export function MyReviewsPage() {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'closed' ? 'closed' : 'open';
  return (
    <Stack>
      <Title order={1}>My reviews</Title>
      <Text c="dimmed">
        Signed in as <LedgerText>{me.displayName}</LedgerText>. Open a campaign to review the access listed
        for you.
      </Text>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'closed' ? { tab: 'closed' } : {}, { replace: true })}
      >
        <Tabs.List>
          <Tabs.Tab value="open">Under review</Tabs.Tab>
          <Tabs.Tab value="closed">Closed</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open" pt="md">
          <OpenCampaigns />
        </Tabs.Panel>
        <Tabs.Panel value="closed" pt="md">
          <ClosedCampaigns enabled={tab === 'closed'} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function OpenCampaigns() {
  const campaigns = useMyCampaigns();
  const [now] = useState(Date.now);
  return (
    <CampaignTable
      campaigns={campaigns}
      enabled
      what="campaigns"
      none="Nothing to review right now."
      label="Campaigns to review"
      minWidth={560}
      columns={['Priority', 'Campaign', 'Due', 'To review', 'Progress']}
      row={(c) => {
        const decided = c.total - c.pending;
        const overdue = Date.parse(c.dueAt) < now;
        return (
          <>
            <Table.Td>
              <PriorityBadge priority={c.priority} />
            </Table.Td>
            <CampaignCell campaign={c}>
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
            </CampaignCell>
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
          </>
        );
      }}
    />
  );
}

const ENDED: Partial<Record<MyCampaign['status'], string>> = {
  finalizing: 'closing',
  cancelled: 'cancelled',
};

/** What the reviewer decided in each ended campaign, apart from what the campaign closed without them. */
function ClosedCampaigns({ enabled }: { enabled: boolean }) {
  const campaigns = useMyClosedCampaigns(enabled);
  return (
    <CampaignTable
      campaigns={campaigns}
      enabled={enabled}
      what="closed campaigns"
      none="No campaign you reviewed has closed yet."
      label="Closed campaigns"
      minWidth={640}
      columns={['Campaign', 'Closed', 'Your items', 'What you decided', 'Closed without your decision']}
      row={(c) => (
        <>
          <CampaignCell campaign={c}>
            {ENDED[c.status] && (
              <Badge size="xs" color="gray">
                {ENDED[c.status]}
              </Badge>
            )}
          </CampaignCell>
          <Table.Td>
            <Text size="sm">{c.closedAt ? formatDate(c.closedAt) : `due ${formatDate(c.dueAt)}`}</Text>
          </Table.Td>
          <Table.Td>{c.total}</Table.Td>
          <Table.Td>
            <Text size="sm">{decidedSummary(c)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={c.undecided > 0 ? 600 : undefined}>
              {c.undecided}
            </Text>
          </Table.Td>
        </>
      )}
    />
  );
}

/**
 * The reviewer's campaigns of one kind as they load: a loader (when `enabled`: a tab not shown fetches
 * nothing, and waits without one), the error, what to say when there are none, else a row each.
 */
function CampaignTable(p: {
  campaigns: UseQueryResult<MyCampaign[]>;
  enabled: boolean;
  /** The campaigns in "Loading your …" and "Your … could not be loaded". */
  what: string;
  /** Said when there are none. */
  none: string;
  label: string;
  minWidth: number;
  columns: string[];
  row: (c: MyCampaign) => ReactNode;
}) {
  const { campaigns } = p;
  return (
    <>
      {campaigns.isPending && p.enabled && (
        <Loader role="progressbar" aria-label={`Loading your ${p.what}`} />
      )}
      {campaigns.isError && (
        <Alert color="red" role="alert" title={`Your ${p.what} could not be loaded`}>
          {campaigns.error.message}
        </Alert>
      )}
      {campaigns.data?.length === 0 && <Text>{p.none}</Text>}
      {campaigns.data && campaigns.data.length > 0 && (
        <Table.ScrollContainer minWidth={p.minWidth}>
          <Table striped highlightOnHover aria-label={p.label}>
            <Table.Thead>
              <Table.Tr>
                {p.columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.map((c) => (
                <Table.Tr key={c.id}>{p.row(c)}</Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

/** The campaign's title, linking to its review, its number, and `children` (badges) beside the number. */
function CampaignCell({ campaign, children }: { campaign: MyCampaign; children: ReactNode }) {
  return (
    <Table.Td>
      <Anchor component={Link} to={`/reviews/${campaign.id}`} fw={600}>
        <LedgerText>{campaign.title}</LedgerText>
      </Anchor>
      <Group gap={6} mt={2}>
        <Text size="xs" c="dimmed">
          {campaign.number}
        </Text>
        {children}
      </Group>
    </Table.Td>
  );
}

/** "3 approved · 1 revoked", or "nothing" when the reviewer confirmed no decision. */
function decidedSummary(c: MyCampaign): string {
  const parts = [
    [c.approved, 'approved'],
    [c.revoked, 'revoked'],
    [c.updated, 'update requested'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return said.length > 0 ? said.join(' · ') : 'nothing';
}
