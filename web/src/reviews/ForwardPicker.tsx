import { Autocomplete, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { DECISION_COLOR } from './decisions';

/** "Not my scope": pick the person the item should go to, by name, key or e-mail. */
export function ForwardPicker(props: {
  active: boolean;
  selfDelegation: boolean;
  disabled: boolean;
  onForward: (to: string) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 200);
  const people = useQuery({
    queryKey: ['people', query],
    queryFn: () => ok(api.GET('/api/v1/people', { params: { query: { q: query, limit: 20 } } })),
    enabled: opened && query.length > 0,
  });
  const options = (people.data ?? []).map((p) => ({
    value: p.key,
    label: `${p.displayName} (${p.key})${p.department ? ` · ${p.department}` : ''}`,
  }));
  const chosen = options.find((o) => o.label === text || o.value === text)?.value;
  return (
    <Popover opened={opened} onChange={setOpened} width={360} trapFocus withArrow>
      <Popover.Target>
        <Button
          size="compact-xs"
          variant={props.active ? 'filled' : 'default'}
          color={DECISION_COLOR.forward}
          aria-pressed={props.active}
          disabled={props.disabled}
          onClick={() => setOpened((o) => !o)}
        >
          Forward
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Autocomplete
            label="Forward to"
            placeholder="Name, key or e-mail"
            data={options.map((o) => o.label)}
            value={text}
            onChange={setText}
            // Inside the popover: an option list in a portal would count as a click outside and close it.
            comboboxProps={{ withinPortal: false }}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            {props.selfDelegation
              ? 'The item goes to this person’s inbox once you confirm.'
              : 'This campaign does not let reviewers hand items over: it goes to the campaign owner’s reassignment queue, with this person as your suggestion.'}
          </Text>
          <Group justify="flex-end">
            <Button
              size="xs"
              disabled={!chosen}
              onClick={() => {
                props.onForward(chosen!);
                setOpened(false);
              }}
            >
              Save forward
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
