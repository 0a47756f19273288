import { Divider, NumberInput, Select, SimpleGrid, Switch } from '@mantine/core';
import { useItsmInstances } from '../queries';
import { DurationField } from './DurationField';
import type { PlanDraft } from './plan-draft';

const PRIORITIES = [
  { value: '1', label: '1 · highest' },
  { value: '2', label: '2 · high' },
  { value: '3', label: '3 · normal' },
  { value: '4', label: '4 · low' },
  { value: '5', label: '5 · lowest' },
];

type DurationKey = 'remindFirst' | 'remindEvery' | 'closingSoon' | 'escalateAfter';

/**
 * The rules a campaign runs by, for a campaign launched now and for the campaigns a policy launches: what
 * the due date does, comments, forwarding, reminders and escalation, and how revocations are carried out.
 */
export function PlanFields({ value, onChange }: { value: PlanDraft; onChange: (v: PlanDraft) => void }) {
  const set =
    <K extends keyof PlanDraft>(key: K) =>
    (v: PlanDraft[K]) =>
      onChange({ ...value, [key]: v });
  const itsm = useItsmInstances();
  const duration = (key: DurationKey, label: string) => (
    <DurationField label={label} value={value[key]} onChange={set(key)} />
  );
  return (
    <>
      <Divider label="Rules" labelPosition="left" />
      <SimpleGrid cols={2}>
        <Select
          label="Priority"
          description="Reviewers see their most urgent campaigns first."
          data={PRIORITIES}
          value={String(value.priority)}
          onChange={(v) => v && set('priority')(Number(v))}
          allowDeselect={false}
        />
        <Switch
          label="Full review"
          description="Off: only what is new or changed since its last certification is reviewed."
          checked={value.fullReview}
          onChange={(e) => set('fullReview')(e.currentTarget.checked)}
          mt="lg"
        />
        <Select
          label="Undecided items at the due date"
          data={[
            { value: 'not_reviewed', label: 'Are marked not reviewed' },
            { value: 'approve', label: 'Are approved' },
            { value: 'revoke', label: 'Are revoked' },
            { value: 'follow_recommendation', label: 'Follow the recommendation' },
          ]}
          value={value.onDueDate}
          onChange={(v) => v && set('onDueDate')(v as PlanDraft['onDueDate'])}
          allowDeselect={false}
        />
        <Select
          label="Comment required"
          data={[
            { value: 'never', label: 'Never' },
            { value: 'revoke', label: 'When revoking' },
            { value: 'always', label: 'Always' },
          ]}
          value={value.commentRequired}
          onChange={(v) => v && set('commentRequired')(v as PlanDraft['commentRequired'])}
          allowDeselect={false}
        />
        <NumberInput
          label="Inactive account after (days)"
          min={1}
          max={3650}
          value={value.inactiveAfterDays}
          onChange={(v) => set('inactiveAfterDays')(Number(v) || 90)}
        />
        <Switch
          label="Reviewers may forward items to someone else themselves"
          checked={value.allowSelfDelegation}
          onChange={(e) => set('allowSelfDelegation')(e.currentTarget.checked)}
          mt="lg"
        />
        <Switch
          label="Offline review"
          description="Reviewers may download their items as a spreadsheet and upload their decisions."
          checked={value.offlineReview}
          onChange={(e) => set('offlineReview')(e.currentTarget.checked)}
        />
      </SimpleGrid>
      <Divider label="Reminders and escalation" labelPosition="left" />
      <SimpleGrid cols={2}>
        {duration('remindFirst', 'First reminder after')}
        {duration('remindEvery', 'Then remind every')}
        {duration('closingSoon', 'Closing-soon notice before the due date')}
        {duration('escalateAfter', 'Escalate to reviewers’ managers (else the default reviewer) after')}
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
          value={value.connector}
          onChange={(v) => v && set('connector')(v as PlanDraft['connector'])}
          allowDeselect={false}
        />
        {value.connector === 'itsm' && (
          <Select
            label="ITSM instance"
            required
            data={(itsm.data ?? []).map((i) => ({ value: i.code, label: `${i.code} (${i.kind}, ${i.url})` }))}
            value={value.itsmInstance}
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
          value={value.applyDecisions}
          onChange={(v) => v && set('applyDecisions')(v as PlanDraft['applyDecisions'])}
          allowDeselect={false}
        />
      </SimpleGrid>
    </>
  );
}
