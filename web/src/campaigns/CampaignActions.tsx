import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { ProblemAlert } from '../common/ProblemAlert';
import { LedgerText } from '../common/LedgerText';
import {
  useCampaignChanges,
  useReportLink,
  type Campaign,
  type CampaignReport,
  type Lifecycle,
} from './queries';

const LIFECYCLE: Record<Lifecycle, { label: string; title: string; body: string; color?: string }> = {
  pause: {
    label: 'Pause',
    title: 'Pause the campaign?',
    body: 'Reviewers can no longer decide and no reminder goes out until it is resumed. The due date does not move.',
  },
  resume: {
    label: 'Resume',
    title: 'Resume the campaign?',
    body: 'Reviewers can decide again and the reminder plan carries on.',
  },
  finalize: {
    label: 'Finalize now',
    title: 'Finalize the campaign now?',
    body: 'Undecided items follow the due-date rule now, then the campaign closes. This cannot be undone.',
    color: 'grape.9',
  },
  cancel: {
    label: 'Cancel campaign',
    title: 'Cancel the campaign?',
    body: 'The campaign stops for good: decisions made so far are kept as evidence but never applied.',
    color: 'red.9',
  },
};

const ALLOWED: Record<Campaign['status'], Lifecycle[]> = {
  init: ['cancel'],
  active: ['pause', 'finalize', 'cancel'],
  paused: ['resume', 'finalize', 'cancel'],
  finalizing: [],
  closed: [],
  cancelled: [],
};

/** Has the browser save what `url` answers (an attachment) without leaving the page. */
function saveFrom(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The campaign's buttons: the report and the workflow for everyone who may see the campaign; the lifecycle
 * actions, reminders and applying decisions for administrators only, each asked first.
 */
export function CampaignActions(props: {
  campaign: Campaign;
  report: CampaignReport | undefined;
  isAdmin: boolean;
  onApplyDecisions: () => void;
}) {
  const { campaign, report, isAdmin } = props;
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const changes = useCampaignChanges(campaign.id);
  const download = useReportLink(campaign.id);

  const ask = (action: Lifecycle) => {
    const a = LIFECYCLE[action];
    setRequest({
      title: a.title,
      body: <Text size="sm">{a.body}</Text>,
      confirmLabel: a.label,
      color: a.color,
      run: () => changes.lifecycle(action),
    });
  };

  const waiting = report?.byReviewer.filter((r) => r.pending > 0) ?? [];
  const reachable = waiting.filter((r) => r.email);
  const unreachable = waiting.filter((r) => !r.email);
  const askReminders = () =>
    setRequest({
      title: 'Send reminders now?',
      body: (
        <Text size="sm">
          {reachable.length === 1 ? '1 reviewer' : `${reachable.length} reviewers`} with undecided items will
          get a reminder now, besides the campaign’s reminder plan.
          {unreachable.length > 0 && (
            <>
              {unreachable.map((r, i) => (
                <Fragment key={r.key}>
                  {i === 0 ? ' ' : ', '}
                  <LedgerText>{r.name ?? r.key}</LedgerText>
                </Fragment>
              ))}
              {unreachable.length === 1 ? ' has' : ' have'} no e-mail address in the ledger.
            </>
          )}
        </Text>
      ),
      confirmLabel: 'Send reminders',
      run: () => changes.remind(setSent),
    });

  const applyPending =
    campaign.status === 'closed' &&
    campaign.options.remediation.applyDecisions === 'manual' &&
    !campaign.decisionsAppliedAt;

  return (
    <Group gap="sm">
      {isAdmin &&
        ALLOWED[campaign.status].map((action) => (
          <Button
            key={action}
            variant={action === 'cancel' ? 'outline' : 'filled'}
            color={LIFECYCLE[action].color}
            onClick={() => ask(action)}
          >
            {LIFECYCLE[action].label}
          </Button>
        ))}
      {isAdmin && campaign.status === 'active' && (
        <Button variant="light" onClick={askReminders}>
          Send reminders
        </Button>
      )}
      {isAdmin && applyPending && <Button onClick={props.onApplyDecisions}>Apply decisions</Button>}
      <Button
        variant="default"
        loading={download.isPending}
        onClick={() => download.mutate(undefined, { onSuccess: ({ url }) => saveFrom(url) })}
        leftSection={<IconDownload size={16} aria-hidden />}
      >
        Download report
      </Button>
      {campaign.workflowUrl && (
        <Anchor href={campaign.workflowUrl} target="_blank" rel="noreferrer" size="sm">
          <Group gap={4} component="span">
            Workflow in Temporal <IconExternalLink size={14} aria-hidden />
          </Group>
        </Anchor>
      )}
      {sent !== null && (
        <Text size="sm" role="status">
          {sent === 1 ? 'Reminder sent to 1 reviewer.' : `Reminders sent to ${sent} reviewers.`}
        </Text>
      )}
      {download.isError && <ProblemAlert error={download.error} title="The report was not downloaded" />}
      <ConfirmDialog request={request} onClose={() => setRequest(null)} />
    </Group>
  );
}
