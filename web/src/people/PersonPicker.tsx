import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';

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
  const [query] = useDebouncedValue(text.trim(), 200);
  const people = useQuery({
    queryKey: ['people', query],
    queryFn: () => ok(api.GET('/api/v1/people', { params: { query: { q: query, limit: 20 } } })),
    enabled: query.length > 0,
  });
  const options = (people.data ?? []).map((p) => ({
    key: p.key,
    label: `${p.displayName} (${p.key})${p.department ? ` · ${p.department}` : ''}`,
  }));
  return (
    <Autocomplete
      label={props.label}
      description={props.description}
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
