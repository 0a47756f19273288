import { Autocomplete } from '@mantine/core';
import { useState } from 'react';
import { usePeopleSearch } from './queries';

/**
 * Type-ahead over the ledger's active identities (name, key or e-mail); reports the chosen key, or null.
 * A person is chosen by picking a suggestion (mouse, or ↓ and Enter) or by typing their exact key.
 * `initialKey` shows a stored choice (as its key) until the person types. `inPopover` keeps the
 * suggestions inside a popover (one in a portal would count as a click outside and close it) and takes
 * the popover's first focus.
 */
export function PersonPicker(props: {
  label: string;
  initialKey?: string | null;
  onChange: (key: string | null) => void;
  description?: string;
  required?: boolean;
  error?: string;
  inPopover?: boolean;
  enabled?: boolean;
}) {
  const [text, setText] = useState(props.initialKey ?? '');
  const [picked, setPicked] = useState<{ key: string; label: string } | null>(null);
  // Once picked, the field shows the person's label: searching for the label itself would find no one
  // and drop the suggestion just chosen, so the search goes on with their key.
  const { options, hint } = usePeopleSearch(
    picked?.label === text ? picked.key : text,
    props.enabled ?? true,
  );
  const choose = (value: string) => {
    setText(value);
    const byLabel = options.find((o) => o.label === value);
    const byKey = options.find((o) => o.key === value.trim());
    const person = byLabel ?? byKey ?? (picked?.label === value ? picked : null);
    setPicked(byLabel ?? (picked?.label === value ? picked : null));
    props.onChange(person?.key ?? (value === props.initialKey ? value : null));
  };
  return (
    <Autocomplete
      label={props.label}
      description={hint ?? props.description}
      required={props.required}
      error={props.error}
      placeholder="Name, key or e-mail"
      data={options.map((o) => o.label)}
      value={text}
      onChange={choose}
      onOptionSubmit={choose}
      comboboxProps={props.inPopover ? { withinPortal: false } : undefined}
      data-autofocus={props.inPopover || undefined}
    />
  );
}
