import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

export interface KeyOption {
  value: string;
  label: string;
}

/**
 * Chooses ledger keys by typing a few letters of a name or key: the server searches, the choices stay
 * listed with their names. Nothing chosen means "no restriction".
 */
export function ScopePicker(props: {
  label: string;
  description: string;
  kind: string;
  search: (text: string) => Promise<KeyOption[]>;
  /** What is typed is searched from this many characters on (1 unless told), `hint` said before. */
  minLength?: { characters: number; hint: string };
  value: string[];
  onChange: (keys: string[]) => void;
}) {
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 200);
  // Names of the chosen keys, kept once the search that found them has moved on.
  const [chosenLabels, setChosenLabels] = useState<Record<string, string>>({});
  const minLength = props.minLength?.characters ?? 1;
  const found = useQuery({
    queryKey: ['scope-options', props.kind, query],
    queryFn: () => props.search(query),
    enabled: query.length >= minLength,
  });
  const tooShort = query.length > 0 && query.length < minLength;
  const data = [
    ...props.value.map((value) => ({ value, label: chosenLabels[value] ?? value })),
    ...(found.data ?? []).filter((o) => !props.value.includes(o.value)),
  ];
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      placeholder={props.value.length ? undefined : 'Type to search'}
      searchable
      searchValue={text}
      onSearchChange={setText}
      // The server has already matched the text against names and keys.
      filter={({ options }) => options}
      nothingFoundMessage={
        tooShort ? props.minLength?.hint : query && found.isSuccess ? 'Nothing matches' : undefined
      }
      data={data}
      value={props.value}
      onChange={(keys) => {
        const labels = { ...chosenLabels };
        for (const o of data) if (keys.includes(o.value)) labels[o.value] = o.label;
        setChosenLabels(labels);
        props.onChange(keys);
      }}
      clearable
    />
  );
}
