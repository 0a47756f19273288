import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  Progress,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../common/ProblemAlert';
import { useImportLedger } from './queries';
import { ledgerFileKind, type LedgerCollection } from './upload';

const COLLECTIONS: LedgerCollection[] = [
  'identities',
  'applications',
  'permissions',
  'accounts',
  'assignments',
];

/** Seed 000's ledger import from a file: all or nothing, with the refusal's every field when it is refused. */
export function ImportLedgerDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [collection, setCollection] = useState<LedgerCollection | null>(null);
  const [progress, setProgress] = useState(0);
  const isCsv = file !== null && ledgerFileKind(file.name) === 'csv';
  const upload = useImportLedger(setProgress);
  const close = () => {
    upload.reset();
    setFile(null);
    setCollection(null);
    setProgress(0);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Import a ledger file" size="lg">
      <Stack>
        <Text size="sm">
          A JSON document with any of identities, applications, permissions, accounts and assignments; a CSV
          file of one of them, with a header row of field names; or NDJSON, one record per line naming its
          collection. Rows are added or updated by key; nothing is written unless every row is valid.
        </Text>
        <FileInput
          label="Ledger file"
          placeholder="Choose a .json, .csv or .ndjson file"
          accept="application/json,.json,text/csv,.csv,application/x-ndjson,.ndjson,.jsonl"
          value={file}
          onChange={(f) => {
            upload.reset();
            setProgress(0);
            setFile(f);
          }}
          clearable
          clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
        />
        {isCsv && (
          <Select
            label="Collection in this CSV file"
            placeholder="Choose what the file holds"
            data={COLLECTIONS}
            value={collection}
            onChange={(c) => {
              upload.reset();
              setCollection(c as LedgerCollection | null);
            }}
            allowDeselect={false}
            required
          />
        )}
        {(upload.isPending || progress > 0) && (
          <Progress
            value={progress * 100}
            aria-label={`Uploaded ${Math.round(progress * 100)}%`}
            animated={upload.isPending}
          />
        )}
        {upload.isPending && progress >= 1 && <Text size="sm">Uploaded; Recert is importing it…</Text>}
        {upload.isError && <ProblemAlert error={upload.error} title="The ledger was not imported" />}
        {upload.data && (
          <>
            <Text role="status">Ledger imported (import {upload.data.importId}).</Text>
            <Table aria-label="Imported rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Collection</Table.Th>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {COLLECTIONS.map((c) => (
                  <Table.Tr key={c}>
                    <Table.Td>{c}</Table.Td>
                    <Table.Td>{upload.data.counts[c].received}</Table.Td>
                    <Table.Td>{upload.data.counts[c].inserted}</Table.Td>
                    <Table.Td>{upload.data.counts[c].updated}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {upload.data.remediations.verified + upload.data.remediations.reopened > 0 && (
              <Text size="sm">
                Remediations: {upload.data.remediations.verified} confirmed gone,{' '}
                {upload.data.remediations.reopened} reopened (the access is still there).
              </Text>
            )}
            {upload.data.warnings.length > 0 && (
              <Alert color="orange.9" title="Imported, but worth a look">
                <List size="sm">
                  {upload.data.warnings.map((w) => (
                    <List.Item key={`${w.collection}:${w.line ?? ''}:${w.field}`}>
                      {w.line ? `${w.collection}, line ${w.line}, ` : ''}
                      {w.field}: {w.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button
            disabled={!file || (isCsv && !collection) || upload.isSuccess}
            loading={upload.isPending}
            onClick={() => file && upload.mutate({ file, collection: isCsv ? collection : null })}
          >
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
