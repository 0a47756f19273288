import { Button, Group, Popover, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { PersonPicker } from '../people';
import { DECISION_COLOR } from './decisions';

/** The longest reason the server takes (MAX_FORWARD_REASON). */
export const MAX_FORWARD_REASON = 1000;

/**
 * "Not my scope": pick the person the item should go to, by name, key or e-mail, and say why if you
 * like: the new reviewer reads the reason on the item. `fullWidth` for the phone's cards.
 */
export function ForwardPicker(props: {
  active: boolean;
  selfDelegation: boolean;
  disabled: boolean;
  fullWidth?: boolean;
  onForward: (to: string, reason: string | null) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={360}
      trapFocus
      withArrow
      // The picker and the reason start empty each time the popover opens.
      onClose={() => {
        setChosen(null);
        setReason('');
      }}
    >
      <Popover.Target>
        <Button
          size={props.fullWidth ? 'md' : 'compact-xs'}
          mih={props.fullWidth ? 48 : undefined}
          fullWidth={props.fullWidth}
          variant={props.active ? 'filled' : 'default'}
          color={DECISION_COLOR.forward}
          aria-pressed={props.active}
          disabled={props.disabled}
          onClick={() => setOpened((o) => !o)}
        >
          Forward
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw="calc(100vw - 16px)">
        <Stack gap="xs">
          <PersonPicker label="Forward to" onChange={setChosen} inPopover enabled={opened} />
          <Textarea
            label="Reason (optional)"
            description="Shown to the person you forward to."
            autosize
            minRows={2}
            maxRows={6}
            maxLength={MAX_FORWARD_REASON}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
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
                props.onForward(chosen!, reason.trim() || null);
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
