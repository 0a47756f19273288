import { Alert, Button, Checkbox, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { LedgerText, showControls } from '../common/LedgerText';
import { ProblemAlert } from '../common/ProblemAlert';
import { PersonPicker } from '../people';
import { useReassign, useReassignQueue, useResetDelegation, type Campaign } from './queries';

/**
 * Items a reviewer forwarded while the campaign does not let reviewers hand items over themselves: the
 * administrator gives them to someone (the reviewer's suggestion shown), or back to their accountable reviewer.
 */
export function ReassignQueue({ campaign, isAdmin }: { campaign: Campaign; isAdmin: boolean }) {
  const queue = useReassignQueue(campaign.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [to, setTo] = useState<string | null>(null);
  const open = campaign.status === 'active' || campaign.status === 'paused';
  const reassign = useReassign(campaign.id);
  const reset = useResetDelegation(campaign.id);
  const done = { onSuccess: () => setSelected([]) };
  if (queue.isPending) return <Loader role="progressbar" aria-label="Loading the reassignment queue" />;
  if (queue.isError)
    return (
      <Alert color="red" role="alert" title="The queue could not be loaded">
        {queue.error.message}
      </Alert>
    );
  const items = queue.data.items;
  if (items.length === 0) return <Text>No item waits to be reassigned.</Text>;
  const error = reassign.error ?? reset.error;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  return (
    <Stack>
      <Table striped aria-label="Reassignment queue">
        <Table.Thead>
          <Table.Tr>
            {isAdmin && open && (
              <Table.Th>
                <Checkbox
                  aria-label="Select every item"
                  checked={selected.length === items.length}
                  onChange={(e) => setSelected(e.currentTarget.checked ? items.map((i) => i.id) : [])}
                />
              </Table.Th>
            )}
            <Table.Th>Access</Table.Th>
            <Table.Th>Forwarded by</Table.Th>
            <Table.Th>Suggested reviewer</Table.Th>
            <Table.Th>Comment</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              {isAdmin && open && (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${showControls(item.label)}`}
                    checked={selected.includes(item.id)}
                    onChange={(e) => toggle(item.id, e.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <LedgerText>{item.label}</LedgerText>
              </Table.Td>
              <Table.Td>
                <LedgerText>{item.decidedBy ?? item.accountableReviewerKey}</LedgerText>
              </Table.Td>
              <Table.Td>
                {item.decisionDetails?.forwardTo ? (
                  <LedgerText>{item.decisionDetails.forwardTo}</LedgerText>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <LedgerText>{item.comment}</LedgerText>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {isAdmin && open && (
        <Group align="flex-end">
          <PersonPicker label="Reassign to" onChange={setTo} />
          <Button
            disabled={selected.length === 0 || !to}
            loading={reassign.isPending}
            onClick={() => reassign.mutate({ itemIds: selected, to: to! }, done)}
          >
            Reassign {selected.length || ''}
          </Button>
          <Button
            variant="default"
            disabled={selected.length === 0}
            loading={reset.isPending}
            onClick={() => reset.mutate(selected, done)}
          >
            Reset delegation
          </Button>
        </Group>
      )}
      {error && <ProblemAlert error={error} />}
    </Stack>
  );
}
