import { Button, Group, Modal, Text } from '@mantine/core';

export interface BulkRequest {
  decision: 'approve' | 'revoke';
  count: number;
  run: () => void;
}

/** Deciding many items confirms them at once (no drafts): said, and asked, before it happens. */
export function BulkConfirm({ request, onClose }: { request: BulkRequest | null; onClose: () => void }) {
  const verb = request?.decision === 'revoke' ? 'Revoke' : 'Approve';
  const items = request?.count === 1 ? 'item' : 'items';
  return (
    <Modal opened={request !== null} onClose={onClose} title={`${verb} ${request?.count ?? 0} ${items}?`}>
      <Text size="sm">
        They are decided and confirmed at once, not kept as drafts. You can still change each of them while
        the campaign is active.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Keep reviewing
        </Button>
        <Button
          color={request?.decision === 'revoke' ? 'red.9' : 'teal.9'}
          onClick={() => {
            request?.run();
            onClose();
          }}
        >
          {verb} {request?.count} now
        </Button>
      </Group>
    </Modal>
  );
}
