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
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { PriorityBadge } from '../campaigns/PriorityBadge';
import { LedgerText } from '../common/LedgerText';
import { formatDate, fromNow } from './format';
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
    <>
      {campaigns.isPending && <Loader role="progressbar" aria-label="Loading your campaigns" />}
      {campaigns.isError && (
        <Alert color="red" role="alert" title="Your campaigns could not be loaded">
          {campaigns.error.message}
        </Alert>
      )}
      {campaigns.data?.length === 0 && <Text>Nothing to review right now.</Text>}
      {campaigns.data && campaigns.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
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
                      <CampaignLink campaign={c} />
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
        </Table.ScrollContainer>
      )}
    </>
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
    <>
      {campaigns.isPending && enabled && (
        <Loader role="progressbar" aria-label="Loading your closed campaigns" />
      )}
      {campaigns.isError && (
        <Alert color="red" role="alert" title="Your closed campaigns could not be loaded">
          {campaigns.error.message}
        </Alert>
      )}
      {campaigns.data?.length === 0 && <Text>No campaign you reviewed has closed yet.</Text>}
      {campaigns.data && campaigns.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label="Closed campaigns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Closed</Table.Th>
                <Table.Th>Your items</Table.Th>
                <Table.Th>What you decided</Table.Th>
                <Table.Th>Closed without your decision</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <CampaignLink campaign={c} />
                    <Group gap={6} mt={2}>
                      <Text size="xs" c="dimmed">
                        {c.number}
                      </Text>
                      {ENDED[c.status] && (
                        <Badge size="xs" color="gray">
                          {ENDED[c.status]}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.closedAt ? formatDate(c.closedAt) : `due ${formatDate(c.dueAt)}`}
                    </Text>
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

function CampaignLink({ campaign }: { campaign: MyCampaign }) {
  return (
    <Anchor component={Link} to={`/reviews/${campaign.id}`} fw={600}>
      <LedgerText>{campaign.title}</LedgerText>
    </Anchor>
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
