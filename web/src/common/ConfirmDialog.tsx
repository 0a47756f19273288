import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  color?: string;
  run: () => Promise<unknown>;
}

/**
 * Asks before an action, runs it, and keeps the dialog open with the server's reason when it is refused
 * (a 409 says why the campaign cannot do it now).
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const action = useMutation({ mutationFn: () => request!.run(), onSuccess: onClose });
  const close = () => {
    action.reset();
    onClose();
  };
  return (
    <Modal opened={request !== null} onClose={close} title={request?.title}>
      <Stack>
        {request?.body}
        {action.isError && <ProblemAlert error={action.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {action.isError ? 'Close' : 'Not now'}
          </Button>
          <Button color={request?.color} loading={action.isPending} onClick={() => action.mutate()}>
            {request?.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
