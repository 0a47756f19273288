import { Button, Checkbox, Group, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ReviewItem } from './queries';
import { subjectLabel } from './subject';

export interface BulkRequest {
  decision: 'approve' | 'revoke';
  items: ReviewItem[];
  /** Decides these: the request's items, less those the reviewer left out. */
  run: (items: ReviewItem[]) => void;
}

/** Why an item deserves a look of its own before it is approved with others: empty when it does not. */
export function unusual(item: ReviewItem): string[] {
  return [
    item.mover && 'mover',
    item.inactive && 'inactive account',
    item.critical && 'privileged or critical permission',
  ].filter((why): why is string => typeof why === 'string');
}

const itemsWord = (n: number) => (n === 1 ? 'item' : 'items');

/**
 * Deciding many items confirms them at once (no drafts): said, and asked, before it happens. Approving
 * names the unusual items (movers, inactive accounts, critical permissions) and leaves them out unless the
 * reviewer asks otherwise.
 */
export function BulkConfirm({ request, onClose }: { request: BulkRequest | null; onClose: () => void }) {
  const [leaveOut, setLeaveOut] = useState(true);
  const close = () => {
    setLeaveOut(true);
    onClose();
  };
  const approving = request?.decision !== 'revoke';
  const verb = approving ? 'Approve' : 'Revoke';
  const all = request?.items ?? [];
  const flagged = approving ? all.filter((i) => unusual(i).length > 0) : [];
  const chosen = leaveOut && flagged.length > 0 ? all.filter((i) => !flagged.includes(i)) : all;
  return (
    <Modal
      opened={request !== null}
      onClose={close}
      title={`${verb} ${chosen.length} ${itemsWord(chosen.length)}?`}
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm">
          They are decided and confirmed at once, not kept as drafts. You can still change each of them while
          the campaign is active.
        </Text>
        {flagged.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {flagged.length} of these {all.length} {itemsWord(all.length)} need a closer look:
            </Text>
            <ScrollArea.Autosize mah={220} type="auto">
              <List size="sm" aria-label="Items that need a closer look">
                {flagged.map((i) => (
                  <List.Item key={i.id}>
                    {subjectLabel(i)} — {unusual(i).join(', ')}
                  </List.Item>
                ))}
              </List>
            </ScrollArea.Autosize>
            <Checkbox
              checked={leaveOut}
              onChange={(e) => setLeaveOut(e.currentTarget.checked)}
              label={
                flagged.length === 1
                  ? 'Leave it out: I review it on its own'
                  : `Leave these ${flagged.length} out: I review them one by one`
              }
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep reviewing
          </Button>
          <Button
            color={approving ? 'teal.9' : 'red.9'}
            disabled={chosen.length === 0}
            onClick={() => {
              request?.run(chosen);
              close();
            }}
          >
            {verb} {chosen.length} now
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
