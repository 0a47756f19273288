import { Group, NumberInput, Select } from '@mantine/core';
import { useId, useState } from 'react';
import { DURATION_UNITS, isoOf, splitDuration, type DurationUnit } from './duration';

const UNITS = (Object.keys(DURATION_UNITS) as DurationUnit[]).map((u) => ({ value: u, label: u }));

/**
 * A duration picked as a number and a unit (minutes, hours, days, weeks), kept as the ISO 8601 text the API
 * takes (`P3D`, `PT12H`); an empty number means none.
 */
export function DurationField(props: {
  label: string;
  description?: string;
  value: string;
  onChange: (iso: string) => void;
}) {
  const id = useId();
  const [preferred, setPreferred] = useState<DurationUnit>(() => splitDuration(props.value)?.unit ?? 'days');
  const split = splitDuration(props.value, preferred);
  const unit = split?.unit ?? preferred;
  return (
    // The group takes the field's label; the unit is "Unit" within it (a name of its own would repeat the label).
    <Group align="end" gap="xs" wrap="nowrap" role="group" aria-labelledby={`${id}-label`}>
      <NumberInput
        id={id}
        label={props.label}
        description={props.description ?? 'Empty for none.'}
        min={1}
        max={9999}
        allowDecimal={false}
        value={split?.amount ?? ''}
        onChange={(v) => props.onChange(typeof v === 'number' && v > 0 ? isoOf(v, unit) : '')}
        style={{ flex: 1 }}
      />
      <Select
        aria-label="Unit"
        data={UNITS}
        value={unit}
        onChange={(u) => {
          if (!u) return;
          setPreferred(u as DurationUnit);
          if (split) props.onChange(isoOf(split.amount, u as DurationUnit));
        }}
        allowDeselect={false}
        w={120}
      />
    </Group>
  );
}
