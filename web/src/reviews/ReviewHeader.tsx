import { Alert, Anchor, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, fromNow } from '../common/format';
import type { CampaignWorkspace } from './queries';

type ReviewCampaign = CampaignWorkspace['campaign'];

/** The campaign under review: its title, due date, description and how much of it is decided. */
export function ReviewHeader({ campaign }: { campaign: ReviewCampaign }) {
  const decided = campaign.total - campaign.pending;
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Anchor component={Link} to="/" size="sm">
          ← My reviews
        </Anchor>
        <Title order={1}>{campaign.title}</Title>
        <Text size="sm" c="dimmed">
          {campaign.number} · due {formatDate(campaign.dueAt)} ({fromNow(campaign.dueAt)})
          {campaign.description ? ` · ${campaign.description}` : ''}
        </Text>
      </div>
      <Stack gap={4} miw={220}>
        <Progress
          value={campaign.total ? (100 * decided) / campaign.total : 0}
          aria-label={`${decided} of ${campaign.total} decided`}
        />
        <Text size="xs" c="dimmed">
          {decided} of {campaign.total} decided · {campaign.pending} to review
        </Text>
      </Stack>
    </Group>
  );
}

/** Why decisions are not taken now, in words that match what happens next. */
function noticeOf(status: ReviewCampaign['status']): string {
  if (status === 'paused')
    return 'This campaign is paused: decisions are not accepted until it is active again.';
  if (status === 'init') return 'This campaign is starting: decisions are accepted once it is active.';
  if (status === 'cancelled') return 'This campaign was cancelled: these are the decisions as they stood.';
  return 'This campaign is closed: these are your decisions as recorded; nothing can be changed.';
}

/** Says why the campaign takes no decision now; nothing while it is active. */
export function CampaignNotice({ status }: { status: ReviewCampaign['status'] }) {
  if (status === 'active') return null;
  return (
    <Alert color="yellow" role="status">
      {noticeOf(status)}
    </Alert>
  );
}
