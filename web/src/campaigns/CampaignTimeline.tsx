import { Alert, Loader, Text, Timeline } from '@mantine/core';
import { LedgerText } from '../common/LedgerText';
import { useCampaignTimeline } from './queries';

const WHAT: Record<string, string> = {
  'campaign.created': 'Created',
  'campaign.populated': 'Items selected from the ledger',
  'campaign.active': 'Active: reviewers notified',
  'campaign.paused': 'Paused',
  'campaign.finalizing': 'Finalizing',
  'campaign.closed': 'Closed',
  'campaign.cancelled': 'Cancelled',
  'campaign.decisions_applied': 'Decisions applied',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Every transition of the campaign, from its audit trail: when, what, and who (through which session). */
export function CampaignTimeline({ campaignId }: { campaignId: string }) {
  const trail = useCampaignTimeline(campaignId);
  if (trail.isPending) return <Loader role="progressbar" aria-label="Loading the timeline" />;
  if (trail.isError)
    return (
      <Alert color="red" role="alert" title="The timeline could not be loaded">
        {trail.error.message}
      </Alert>
    );
  return (
    <Timeline bulletSize={14} lineWidth={2} active={trail.data.items.length - 1} aria-label="Timeline">
      {trail.data.items.map((e) => (
        <Timeline.Item key={e.id} title={WHAT[e.action] ?? e.action}>
          <Text size="sm" c="dimmed">
            {when.format(new Date(e.at))} · by <LedgerText>{e.actor}</LedgerText>
            {e.via ? ` (${e.via})` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
