import { Alert, Anchor, Badge, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useIsAdmin } from '../auth';
import { LedgerText } from '../common/LedgerText';
import { ProblemAlert } from '../common/ProblemAlert';
import { formatDate, fromNow } from '../common/format';
import { ApplyDecisions } from './ApplyDecisions';
import { CampaignActions } from './CampaignActions';
import { CampaignSettings } from './CampaignSettings';
import { CampaignTimeline } from './CampaignTimeline';
import { CampaignItemsTab } from './items/CampaignItemsTab';
import { itemsTabPath } from './items/item-filter';
import { PriorityBadge } from '../common/PriorityBadge';
import { ApplicationProgress, ReviewerProgress } from './ProgressTables';
import { useCampaign, useCampaignReport } from './queries';
import { ReassignQueue } from './ReassignQueue';
import { RemediationsPanel } from './RemediationsPanel';
import { StatusChart } from './StatusChart';
import { CAMPAIGN_STATUS_COLOR, decidedOf } from './status';

/** One campaign for administrators and auditors: where it stands, who is behind, what happened, what follows. */
const TABS = ['reviewers', 'items', 'applications', 'timeline', 'reassign', 'remediations', 'settings'];

export function CampaignPage() {
  const { campaignId = '' } = useParams();
  // The open tab lives in the address (?tab=items&reviewer=…), so a link or a reload opens it again.
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'reviewers';
  const openTab = (value: string | null) =>
    setParams(value && value !== 'reviewers' ? { tab: value } : {}, { replace: true });
  const isAdmin = useIsAdmin();
  const campaign = useCampaign(campaignId);
  const report = useCampaignReport(campaignId);
  const [applying, setApplying] = useState(false);
  if (campaign.isPending) return <Loader role="progressbar" aria-label="Loading the campaign" />;
  if (campaign.isError)
    return <ProblemAlert error={campaign.error} title="The campaign could not be loaded" />;
  const c = campaign.data;
  const open = c.status === 'active' || c.status === 'paused';
  return (
    <Stack>
      <Anchor component={Link} to="/campaigns" size="sm">
        ← Campaigns
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>
            {c.number} · {c.title}
          </Title>
          <Group gap="sm">
            <Badge
              color={CAMPAIGN_STATUS_COLOR[c.status]}
              variant="filled"
              aria-label={`Status: ${c.status}`}
            >
              {c.status}
            </Badge>
            <PriorityBadge priority={c.priority} />
            <Text size="sm">
              Owner <LedgerText>{c.ownerKey}</LedgerText>
            </Text>
            <Text size="sm">
              Due {formatDate(c.dueAt)}
              {open ? ` (${fromNow(c.dueAt)})` : ''}
            </Text>
            {c.activatedAt && <Text size="sm">Launched {formatDate(c.activatedAt)}</Text>}
            {c.closedAt && <Text size="sm">Closed {formatDate(c.closedAt)}</Text>}
            {c.decisionsAppliedAt && (
              <Text size="sm">
                Decisions applied {formatDate(c.decisionsAppliedAt)} by{' '}
                <LedgerText>{c.decisionsAppliedBy}</LedgerText>
              </Text>
            )}
          </Group>
          {c.description && (
            <Text size="sm" c="dimmed" maw={800}>
              {c.description}
            </Text>
          )}
        </Stack>
      </Group>
      <CampaignActions
        campaign={c}
        report={report.data}
        isAdmin={isAdmin}
        onApplyDecisions={() => setApplying(true)}
      />
      <StatusChart counts={c.counts} />
      {c.closedAtDueDate > 0 && (
        <Text size="sm">
          Reviewers decided {decidedOf(c.counts) - c.closedAtDueDate} of {c.counts.total} items;{' '}
          {c.closedAtDueDate} were closed by the due-date rule without a reviewer’s decision.
        </Text>
      )}
      <Tabs value={tab} onChange={openTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="reviewers">Reviewers</Tabs.Tab>
          <Tabs.Tab value="items">Items</Tabs.Tab>
          <Tabs.Tab value="applications">Applications</Tabs.Tab>
          <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
          <Tabs.Tab value="reassign">Reassignment queue ({c.counts.reassign})</Tabs.Tab>
          <Tabs.Tab value="remediations">Remediations</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="reviewers" pt="md">
          {report.isError ? (
            <ProblemAlert error={report.error} title="The progress could not be loaded" />
          ) : report.data ? (
            <ReviewerProgress
              rows={report.data.byReviewer}
              itemsLink={(reviewer) => itemsTabPath(c.id, { reviewer })}
              open={open}
            />
          ) : (
            <Loader role="progressbar" aria-label="Loading the progress" />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="items" pt="md">
          <CampaignItemsTab campaignId={c.id} report={report.data} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          {report.data ? (
            <ApplicationProgress rows={report.data.byApplication} />
          ) : (
            <Loader role="progressbar" aria-label="Loading the progress" />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <CampaignTimeline campaignId={c.id} />
        </Tabs.Panel>
        <Tabs.Panel value="reassign" pt="md">
          <ReassignQueue campaign={c} isAdmin={isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="remediations" pt="md">
          <RemediationsPanel campaignId={c.id} isAdmin={isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <CampaignSettings campaign={c} />
        </Tabs.Panel>
      </Tabs>
      {c.status === 'init' && (
        <Alert color="blue" title="Launching">
          The campaign is selecting its items and notifying its reviewers.
        </Alert>
      )}
      <ApplyDecisions campaign={c} opened={applying} onClose={() => setApplying(false)} />
    </Stack>
  );
}
