import { Button, Divider, Fieldset, Group, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { PlanFields, StrategyEditor } from '../../campaigns';
import { ProblemAlert } from '../../common/ProblemAlert';
import { PersonPicker } from '../../people';
import { useSavePolicy } from '../queries';
import { ExpressionEditor } from './ExpressionEditor';
import { ExpressionTextError } from './expression-draft';
import {
  emptyPolicy,
  type Policy,
  policyDraftOf,
  type PolicyDraft,
  previewBodyOf,
  type ScopeFields,
} from './policy-draft';
import { PolicyScopePreview } from './PolicyScopePreview';
import './read-only-form.css';
import { ScheduleFields } from './ScheduleFields';

const PERIOD_HINT = 'An ISO 8601 duration such as P6M, P1Y or P90D.';

/**
 * Seed 002's policy: who and what it reviews (with the live count), when its campaigns run, who reviews
 * and by which rules. Read-only for auditors: every field disabled and nothing to save.
 */
export function PolicyForm(props: { stored?: Policy; fields: ScopeFields; readOnly: boolean }) {
  const { stored, fields } = props;
  const navigate = useNavigate();
  const [draft, setDraft] = useState<PolicyDraft>(() => (stored ? policyDraftOf(stored) : emptyPolicy()));
  const set =
    <K extends keyof PolicyDraft>(key: K) =>
    (value: PolicyDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const preview = useMemo(() => {
    try {
      return { body: previewBodyOf(draft, fields), error: null };
    } catch (e) {
      if (e instanceof ExpressionTextError) return { body: null, error: e.message };
      throw e;
    }
  }, [draft, fields]);
  const save = useSavePolicy(stored);
  const text = (key: 'id' | 'name' | 'recertificationPeriod' | 'dueIn') => ({
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key)(e.currentTarget.value),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { draft, fields },
          {
            onSuccess: (saved) => {
              if (!stored)
                void navigate(`/policies/${saved.id}`, { replace: true, state: { created: true } });
            },
          },
        );
      }}
    >
      <Fieldset
        variant="unstyled"
        disabled={props.readOnly}
        className={props.readOnly ? 'read-only-form' : undefined}
      >
        <Stack>
          {!stored && (
            <TextInput
              label="Id"
              description="Letters, digits, - and _; not modifiable later (seed 002 uses UUIDs)."
              required
              {...text('id')}
            />
          )}
          <TextInput label="Name" required {...text('name')} />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
          />
          <Divider label="Scope" labelPosition="left" />
          <TagsInput
            label="Identity types"
            description="Only identities of these types (employee, contractor, …); none: every type. Enter after each."
            value={draft.objectTypes}
            onChange={set('objectTypes')}
          />
          <ExpressionEditor
            legend="Identity scope"
            everything="every identity of these types"
            fields={fields.identity}
            value={draft.identityExpression}
            onChange={set('identityExpression')}
            readOnly={props.readOnly}
          />
          <ExpressionEditor
            legend="Assignment scope"
            everything="every assignment of these identities"
            fields={fields.assignment}
            value={draft.assignmentExpression}
            onChange={set('assignmentExpression')}
            readOnly={props.readOnly}
          />
          <TextInput
            label="Recertification period"
            description={`Reviewed again once the last certification is older than this (the daily sweep); empty: only scheduled campaigns. ${PERIOD_HINT}`}
            {...text('recertificationPeriod')}
          />
          <PolicyScopePreview body={preview.body} error={preview.error} />
          <Divider label="Campaigns" labelPosition="left" />
          <ScheduleFields value={draft} onChange={(schedule) => setDraft((d) => ({ ...d, ...schedule }))} />
          <TextInput
            label="Campaign length"
            description="Each campaign is due this long after its launch, e.g. P30D (PT1H to P3650D)."
            required
            {...text('dueIn')}
          />
          <Divider label="Reviewers" labelPosition="left" />
          <StrategyEditor value={draft.strategy} onChange={set('strategy')} readOnly={props.readOnly} />
          <PersonPicker
            label="Default reviewer"
            description="Reviews what no rule gives to someone, and receives the escalations of reviewers without a manager; empty: the policy’s owner."
            initialKey={draft.defaultReviewerKey}
            onChange={set('defaultReviewerKey')}
          />
          <PlanFields value={draft.plan} onChange={set('plan')} />
          {save.isError && <ProblemAlert error={save.error} title="The policy was not saved" />}
          {save.isSuccess && stored && <Text role="status">Saved. Its schedules follow the new plan.</Text>}
          {!props.readOnly && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {stored ? 'Save policy' : 'Create policy'}
              </Button>
              {!stored && (
                <Text size="sm" c="dimmed">
                  A new policy is inactive until you activate it.
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
