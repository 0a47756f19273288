import { Autocomplete, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { usePeopleSearch } from '../people/search';
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
  const { options, hint } = usePeopleSearch(text, opened);
  const chosen = options.find((o) => o.label === text || o.key === text)?.key;
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
            description={hint}
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
