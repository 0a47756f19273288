import { Alert, Drawer, Loader, Stack, Table, Text } from '@mantine/core';
import { LedgerText } from '../common/LedgerText';
import { STATUS_LABEL } from './decisions';
import { formatDate } from '../common/format';
import { useItemHistory } from './queries';
import { subjectLabel, type ItemSubject } from './subject';

/** The item whose history is shown: a reviewer's row, or an assignment's last certification in the ledger. */
export interface HistorySubject extends ItemSubject {
  id: string;
}

/** The recertification history of the item's assignment: every earlier campaign that reviewed it. */
export function HistoryDrawer({ item, onClose }: { item: HistorySubject | null; onClose: () => void }) {
  const history = useItemHistory(item?.id ?? null);
  return (
    <Drawer
      opened={item !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={item ? `History: ${subjectLabel(item)}` : 'History'}
    >
      {history.isPending && <Loader role="progressbar" aria-label="Loading the history" />}
      {history.isError && (
        <Alert color="red" role="alert">
          {history.error.message}
        </Alert>
      )}
      {history.data && history.data.items.length === 0 && (
        <Text>No earlier campaign reviewed this access.</Text>
      )}
      {history.data && history.data.items.length > 0 && (
        <Stack>
          <Table aria-label="Earlier reviews">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Decision</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Comment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.items.map((h) => (
                <Table.Tr key={h.itemId}>
                  <Table.Td>
                    {h.campaign.number} · {h.campaign.title}
                  </Table.Td>
                  <Table.Td>{STATUS_LABEL[h.status]}</Table.Td>
                  <Table.Td>{h.decidedBy ? <LedgerText>{h.decidedBy.name}</LedgerText> : '—'}</Table.Td>
                  <Table.Td>{formatDate(h.decidedAt)}</Table.Td>
                  <Table.Td>
                    <LedgerText>{h.comment}</LedgerText>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Drawer>
  );
}
