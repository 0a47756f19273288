import {
  Button,
  Divider,
  Group,
  Input,
  SegmentedControl,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../common/ProblemAlert';
import { PEOPLE_HINT, PEOPLE_MIN_QUERY, PersonPicker } from '../../people';
import { PlanFields } from '../plan/PlanFields';
import { PERMISSION_RULES, StrategyEditor } from '../plan/StrategyEditor';
import { useLaunchCampaign } from '../queries';
import { CampaignDraft, emptyDraft, scopeOf } from './draft';
import { LaunchPreview } from './LaunchPreview';
import { searchApplications, searchIdentities, searchPermissions } from './ledger-options';
import { ScopePicker } from './ScopePicker';

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
  const launch = useLaunchCampaign(idempotencyKey);
  return (
    <Stack maw={960}>
      <Title order={1}>New campaign</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          launch.mutate(draft, { onSuccess: (campaign) => navigate(`/campaigns/${campaign.id}`) });
        }}
      >
        <Stack>
          <TextInput
            label="Title"
            required
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
          />
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
          <Input.Wrapper
            label="What is reviewed"
            description="Accounts: every live account of the applications, those nobody owns included."
          >
            <SegmentedControl
              display="flex"
              w="fit-content"
              mt={4}
              data={[
                { value: 'right', label: 'Access rights' },
                { value: 'account', label: 'Accounts' },
              ]}
              value={draft.type}
              onChange={(v) =>
                setDraft((d) => ({
                  ...d,
                  type: v as CampaignDraft['type'],
                  strategy:
                    v === 'account' ? d.strategy.filter((r) => !PERMISSION_RULES.includes(r)) : d.strategy,
                }))
              }
            />
          </Input.Wrapper>
          <Divider label="Scope" labelPosition="left" />
          <ScopePicker
            label="Applications"
            kind="applications"
            description="Only access to these applications; none chosen: every application."
            search={searchApplications}
            value={draft.applicationKeys}
            onChange={set('applicationKeys')}
          />
          {draft.type === 'right' && (
            <ScopePicker
              label="Permissions"
              kind="permissions"
              description="Only these permissions; none chosen: every permission."
              search={searchPermissions}
              value={draft.permissionKeys}
              onChange={set('permissionKeys')}
            />
          )}
          <ScopePicker
            label="Identities"
            kind="identities"
            description="Only these people’s access; none chosen: everyone."
            search={searchIdentities}
            minLength={{ characters: PEOPLE_MIN_QUERY, hint: PEOPLE_HINT }}
            value={draft.identityKeys}
            onChange={set('identityKeys')}
          />
          <Divider label="Reviewers" labelPosition="left" />
          <StrategyEditor
            value={draft.strategy}
            onChange={set('strategy')}
            exclude={draft.type === 'account' ? PERMISSION_RULES : []}
          />
          <PersonPicker
            label="Default reviewer"
            description="Reviews what no rule gives to someone, and receives the escalations of reviewers without a manager."
            required
            onChange={set('defaultReviewerKey')}
          />
          <LaunchPreview
            body={{
              type: draft.type,
              scope: scopeOf(draft),
              reviewers: { strategy: draft.strategy, defaultReviewerKey: draft.defaultReviewerKey },
              fullReview: draft.plan.fullReview,
            }}
          />
          <PlanFields value={draft.plan} onChange={set('plan')} />
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
