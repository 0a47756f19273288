import { Group, NumberInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import type { PolicyDraft } from './policy-draft';

type Schedule = Pick<PolicyDraft, 'schedule' | 'interval' | 'intervalUnit' | 'cron'>;

/** Seed 002's campaign execution plan: every N units, a cron expression, or no scheduled campaign. */
export function ScheduleFields({ value, onChange }: { value: Schedule; onChange: (v: Schedule) => void }) {
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Campaign schedule"
        data={[
          { value: 'INTERVAL', label: 'Every …' },
          { value: 'CRON', label: 'Cron' },
          { value: 'none', label: 'No scheduled campaign' },
        ]}
        value={value.schedule}
        onChange={(schedule) => onChange({ ...value, schedule: schedule as Schedule['schedule'] })}
        w="fit-content"
      />
      {value.schedule === 'INTERVAL' && (
        <Group align="end">
          <NumberInput
            label="Launch a campaign every"
            min={1}
            max={1000}
            value={value.interval}
            onChange={(v) => onChange({ ...value, interval: Number(v) || 1 })}
            w={240}
          />
          <Select
            aria-label="Interval unit"
            data={[
              { value: 'DAYS', label: 'days' },
              { value: 'WEEKS', label: 'weeks' },
              { value: 'MONTHS', label: 'months' },
              { value: 'YEARS', label: 'years' },
            ]}
            value={value.intervalUnit}
            onChange={(u) => u && onChange({ ...value, intervalUnit: u as Schedule['intervalUnit'] })}
            allowDeselect={false}
            w={140}
          />
        </Group>
      )}
      {value.schedule === 'CRON' && (
        <TextInput
          label="Cron expression"
          description="Five fields (minute hour day month weekday), in UTC: 0 6 1 */3 * is 06:00 on the first of every third month."
          value={value.cron}
          onChange={(e) => onChange({ ...value, cron: e.currentTarget.value })}
          w={480}
        />
      )}
    </Stack>
  );
}
