import { Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DECISION_COLOR } from './decisions';

/** Keep the access until an end date. `fullWidth` for the phone's cards. */
export function UpdatePicker(props: {
  active: boolean;
  disabled: boolean;
  fullWidth?: boolean;
  onUpdate: (endDate: string) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [date, setDate] = useState('');
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Popover opened={opened} onChange={setOpened} width={260} trapFocus withArrow>
      <Popover.Target>
        <Button
          size={props.fullWidth ? 'md' : 'compact-xs'}
          mih={props.fullWidth ? 48 : undefined}
          fullWidth={props.fullWidth}
          variant={props.active ? 'filled' : 'default'}
          color={DECISION_COLOR.update}
          aria-pressed={props.active}
          disabled={props.disabled}
          onClick={() => setOpened((o) => !o)}
        >
          Request update
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            type="date"
            label="Access ends on"
            min={today}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              disabled={!date}
              onClick={() => {
                props.onUpdate(`${date}T00:00:00Z`);
                setOpened(false);
              }}
            >
              Save end date
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
