import { MultiSelect } from '@mantine/core';
import { useState } from 'react';
import { useLookup } from '../../common/useLookup';

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
  // Names of the chosen keys, kept once the search that found them has moved on.
  const [chosenLabels, setChosenLabels] = useState<Record<string, string>>({});
  const minLength = props.minLength?.characters ?? 1;
  const { query, found } = useLookup({
    key: ['scope-options', props.kind],
    text,
    search: props.search,
    minLength,
    keepPrevious: true,
  });
  // Until the search for the latest text answers, an earlier answer stays, narrowed to what still matches
  // the text: the list neither empties nor offers what was not typed.
  const typed = text.trim().toLowerCase();
  const current = !found.isPlaceholderData && query.toLowerCase() === typed;
  const matches = (found.data ?? []).filter((o) => current || o.label.toLowerCase().includes(typed));
  const tooShort = query.length > 0 && query.length < minLength;
  // The list offers only what the search found and is not chosen yet: with the chosen ones listed first,
  // "NetS", ↓, Enter picked the first chosen application, and Enter on a chosen one removes it. The chosen
  // stay in `data` (after the matches) only so that their pills keep their names.
  const data = [
    ...(typed.length >= minLength ? matches : []).filter((o) => !props.value.includes(o.value)),
    ...props.value.map((value) => ({ value, label: chosenLabels[value] ?? value })),
  ];
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      placeholder={props.value.length ? undefined : 'Type to search'}
      searchable
      hidePickedOptions
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
