import { Alert, Button, FileButton, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { plural } from '../common/format';
import { ProblemAlert } from '../common/ProblemAlert';
import { offlineUrl, type OfflineResult } from './offline';
import { useUploadOffline } from './queries';

const COLUMN: Record<OfflineResult['refused'][number]['field'], string> = {
  item: 'Item',
  decision: 'Decision',
  comment: 'Comment',
  endDate: 'End date',
};

/**
 * Seed 003's offline mode: the reviewer's items as a spreadsheet, and the filled spreadsheet back as
 * unconfirmed decisions, with every refused row and why.
 */
export function OfflineReview({ campaignId, open }: { campaignId: string; open: boolean }) {
  const upload = useUploadOffline(campaignId);
  const url = offlineUrl(campaignId);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Menu position="bottom-start">
          <Menu.Target>
            <Button size="xs" variant="default">
              Download spreadsheet
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={`${url}?format=xlsx`} download>
              Excel workbook (.xlsx)
            </Menu.Item>
            <Menu.Item component="a" href={`${url}?format=csv`} download>
              CSV (.csv)
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <FileButton
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(file) => file && upload.mutate(file)}
          disabled={!open}
        >
          {(props) => (
            <Button {...props} size="xs" variant="default" loading={upload.isPending}>
              Upload spreadsheet
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          Decide offline: uploaded decisions wait here unconfirmed.
        </Text>
      </Group>
      {upload.isError && <ProblemAlert error={upload.error} title="The spreadsheet was not read" />}
      {upload.data && <UploadOutcome result={upload.data} onClose={() => upload.reset()} />}
    </Stack>
  );
}

function UploadOutcome({ result, onClose }: { result: OfflineResult; onClose: () => void }) {
  const refused = result.refused.length;
  return (
    // Mantine's tinted title is below AA contrast: the outcome is written in the body instead.
    <Alert
      color={refused > 0 ? 'orange' : 'teal'}
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      <Text size="sm" fw={700}>
        {plural(result.drafted, 'decision', 'decisions')} saved as unconfirmed drafts
      </Text>
      <Text size="sm">
        {plural(result.blank, 'row has', 'rows have')} no decision.
        {result.drafted > 0 && ' Check the drafts below, then confirm them.'}{' '}
        {refused > 0 ? `${plural(refused, 'row was', 'rows were')} refused:` : 'No row was refused.'}
      </Text>
      {refused > 0 && (
        <Table aria-label="Refused rows" mt="xs" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.refused.map((r) => (
              <Table.Tr key={`${r.row}:${r.field}`}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{r.itemId ?? '—'}</Table.Td>
                <Table.Td>{COLUMN[r.field]}</Table.Td>
                <Table.Td>{r.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Alert>
  );
}
