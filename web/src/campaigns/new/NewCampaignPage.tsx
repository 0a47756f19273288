import {
  Button,
  Divider,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import { ProblemAlert } from '../../common/ProblemAlert';
import { PersonPicker } from '../../people/PersonPicker';
import { CampaignDraft, emptyDraft, launchBodyOf, scopeOf } from './draft';
import { LaunchPreview } from './LaunchPreview';
import { searchApplications, searchIdentities, searchPermissions } from './ledger-options';
import { ScopePicker } from './ScopePicker';
import { StrategyEditor } from './StrategyEditor';

const DURATION_HINT = 'An ISO 8601 duration such as P3D (3 days) or PT12H; empty for none.';

/** Seed 000's campaign creation: what to review, who reviews it, by when, and what happens to the decisions. */
export function NewCampaignPage() {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CampaignDraft>(() => emptyDraft());
  // One key per form: a double click or a retried request launches one campaign.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const set =
    <K extends keyof CampaignDraft>(key: K) =>
    (value: CampaignDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const itsm = useQuery({
    queryKey: ['itsm-instances'],
    queryFn: () => ok(api.GET('/api/v1/itsm-instances')),
  });
  const launch = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/campaigns', {
          body: launchBodyOf(draft),
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: (campaign) => navigate(`/campaigns/${campaign.id}`),
  });
  const text = (key: 'title' | 'remindFirst' | 'remindEvery' | 'closingSoon' | 'escalateAfter') => ({
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key)(e.currentTarget.value),
  });
  return (
    <Stack maw={960}>
      <Title order={1}>New campaign</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          launch.mutate();
        }}
      >
        <Stack>
          <TextInput label="Title" required {...text('title')} />
          <Textarea
            label="Description"
            description="Reviewers read it in their invitation and on their page."
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
          />
          <TextInput
            label="Due date"
            type="date"
            required
            value={draft.dueDate}
            onChange={(e) => set('dueDate')(e.currentTarget.value)}
          />
          <Divider label="Scope" labelPosition="left" />
          <ScopePicker
            label="Applications"
            kind="applications"
            description="Only access to these applications; none chosen: every application."
            search={searchApplications}
            value={draft.applicationKeys}
            onChange={set('applicationKeys')}
          />
          <ScopePicker
            label="Permissions"
            kind="permissions"
            description="Only these permissions; none chosen: every permission."
            search={searchPermissions}
            value={draft.permissionKeys}
            onChange={set('permissionKeys')}
          />
          <ScopePicker
            label="Identities"
            kind="identities"
            description="Only these people’s access; none chosen: everyone."
            search={searchIdentities}
            value={draft.identityKeys}
            onChange={set('identityKeys')}
          />
          <Divider label="Reviewers" labelPosition="left" />
          <StrategyEditor value={draft.strategy} onChange={set('strategy')} />
          <PersonPicker
            label="Default reviewer"
            description="Reviews what no rule gives to someone, and receives escalations."
            required
            onChange={set('defaultReviewerKey')}
          />
          <LaunchPreview
            body={{
              scope: scopeOf(draft),
              reviewers: { strategy: draft.strategy, defaultReviewerKey: draft.defaultReviewerKey },
            }}
          />
          <Divider label="Rules" labelPosition="left" />
          <SimpleGrid cols={2}>
            <Select
              label="Undecided items at the due date"
              data={[
                { value: 'not_reviewed', label: 'Are marked not reviewed' },
                { value: 'approve', label: 'Are approved' },
                { value: 'revoke', label: 'Are revoked' },
              ]}
              value={draft.onDueDate}
              onChange={(v) => v && set('onDueDate')(v as CampaignDraft['onDueDate'])}
              allowDeselect={false}
            />
            <Select
              label="Comment required"
              data={[
                { value: 'never', label: 'Never' },
                { value: 'revoke', label: 'When revoking' },
                { value: 'always', label: 'Always' },
              ]}
              value={draft.commentRequired}
              onChange={(v) => v && set('commentRequired')(v as CampaignDraft['commentRequired'])}
              allowDeselect={false}
            />
            <NumberInput
              label="Inactive account after (days)"
              min={1}
              max={3650}
              value={draft.inactiveAfterDays}
              onChange={(v) => set('inactiveAfterDays')(Number(v) || 90)}
            />
            <Switch
              label="Reviewers may forward items to someone else themselves"
              checked={draft.allowSelfDelegation}
              onChange={(e) => set('allowSelfDelegation')(e.currentTarget.checked)}
              mt="lg"
            />
          </SimpleGrid>
          <Divider label="Reminders and escalation" labelPosition="left" />
          <SimpleGrid cols={2}>
            <TextInput label="First reminder after" description={DURATION_HINT} {...text('remindFirst')} />
            <TextInput label="Then remind every" description={DURATION_HINT} {...text('remindEvery')} />
            <TextInput
              label="Closing-soon notice before the due date"
              description={DURATION_HINT}
              {...text('closingSoon')}
            />
            <TextInput
              label="Escalate to the default reviewer after"
              description={DURATION_HINT}
              {...text('escalateAfter')}
            />
          </SimpleGrid>
          <Divider label="Remediation" labelPosition="left" />
          <SimpleGrid cols={2}>
            <Select
              label="Remediation connector"
              description="For applications that do not choose their own."
              data={[
                { value: 'embedded', label: 'Manual task for the owner' },
                { value: 'itsm', label: 'ITSM ticket' },
                { value: 'provisioning', label: 'Provisioning order' },
              ]}
              value={draft.connector}
              onChange={(v) => v && set('connector')(v as CampaignDraft['connector'])}
              allowDeselect={false}
            />
            {draft.connector === 'itsm' && (
              <Select
                label="ITSM instance"
                required
                data={(itsm.data ?? []).map((i) => ({
                  value: i.code,
                  label: `${i.code} (${i.kind}, ${i.url})`,
                }))}
                value={draft.itsmInstance}
                onChange={set('itsmInstance')}
                nothingFoundMessage="No ITSM instance is configured (RECERT_ITSM_INSTANCES)"
              />
            )}
            <Select
              label="Apply decisions"
              data={[
                { value: 'at_finalization', label: 'When the campaign is finalized' },
                { value: 'manual', label: 'When an administrator applies them, after a dry run' },
              ]}
              value={draft.applyDecisions}
              onChange={(v) => v && set('applyDecisions')(v as CampaignDraft['applyDecisions'])}
              allowDeselect={false}
            />
          </SimpleGrid>
          {launch.isError && <ProblemAlert error={launch.error} title="The campaign was not launched" />}
          <Group>
            <Button type="submit" loading={launch.isPending}>
              Launch campaign
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
