import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';

/** Leaving with unconfirmed drafts: the browser asks (reload, close), and so does the app (links). */
export function LeaveGuard({ drafts }: { drafts: number }) {
  useEffect(() => {
    if (drafts === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [drafts]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => drafts > 0 && currentLocation.pathname !== nextLocation.pathname,
  );
  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave with unconfirmed decisions?"
    >
      <Text size="sm">
        You have {drafts} unconfirmed {drafts === 1 ? 'decision' : 'decisions'}. They stay saved as drafts,
        but count only once confirmed.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" data-autofocus onClick={() => blocker.reset?.()}>
          Stay
        </Button>
        <Button onClick={() => blocker.proceed?.()}>Leave anyway</Button>
      </Group>
    </Modal>
  );
}
