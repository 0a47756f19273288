import { Autocomplete } from '@mantine/core';
import { useState } from 'react';
import { usePeopleSearch } from './search';

/**
 * Type-ahead over the ledger's active identities (name, key or e-mail); reports the chosen key, or null.
 * `initialKey` shows a stored choice (as its key) until the person types.
 */
export function PersonPicker(props: {
  label: string;
  initialKey?: string | null;
  onChange: (key: string | null) => void;
  description?: string;
  required?: boolean;
  error?: string;
}) {
  const [text, setText] = useState(props.initialKey ?? '');
  const { options, hint } = usePeopleSearch(text);
  return (
    <Autocomplete
      label={props.label}
      description={hint ?? props.description}
      required={props.required}
      error={props.error}
      placeholder="Name, key or e-mail"
      data={options.map((o) => o.label)}
      value={text}
      onChange={(value) => {
        setText(value);
        props.onChange(
          options.find((o) => o.label === value)?.key ?? (value === props.initialKey ? value : null),
        );
      }}
    />
  );
}
