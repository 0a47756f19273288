import { Alert, Loader, Paper, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { LedgerText } from '../../common/LedgerText';
import { ProblemAlert } from '../../common/ProblemAlert';
import { usePolicyPreview } from '../queries';
import type { PreviewBody } from './policy-draft';

const assignments = (n: number) => `${n} ${n === 1 ? 'assignment' : 'assignments'}`;

/**
 * What the policy selects today, counted by the server with the launch's own SQL: everything in scope (a
 * scheduled or "run now" campaign) and, with a recertification period, what is due (the daily sweep).
 */
export function PolicyScopePreview({ body, error }: { body: PreviewBody | null; error: string | null }) {
  const [debounced] = useDebouncedValue(body, 300);
  const inScope = usePolicyPreview(debounced && { ...debounced, recertificationPeriod: null });
  const period = debounced?.recertificationPeriod ?? null;
  const due = usePolicyPreview(period === null ? null : debounced);
  if (error) {
    return (
      <Alert color="orange" title="No preview" role="alert">
        {error}
      </Alert>
    );
  }
  if (inScope.isError) return <ProblemAlert error={inScope.error} title="No preview" />;
  if (!inScope.data) return <Loader role="progressbar" size="sm" aria-label="Counting the assignments" />;
  const p = inScope.data;
  return (
    <Paper withBorder p="md" bg={p.assignments === 0 ? 'orange.0' : 'blue.0'}>
      <Text fw={600}>This policy selects</Text>
      <Text role="status" aria-label="Policy preview">
        {assignments(p.assignments)} today.
        {period !== null &&
          due.data &&
          ` ${assignments(due.data.assignments)} due for recertification (${period}).`}
      </Text>
      {due.isError && <ProblemAlert error={due.error} title="No count of what is due" />}
      {p.sample.length > 0 && (
        <Table aria-label="Sample of the selected assignments" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Identity</Table.Th>
              <Table.Th>Application</Table.Th>
              <Table.Th>Permission</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.sample.map((s) => (
              <Table.Tr key={s.assignmentKey}>
                <Table.Td>
                  <LedgerText>{s.identityKey}</LedgerText>
                </Table.Td>
                <Table.Td>
                  <LedgerText>{s.applicationKey}</LedgerText>
                </Table.Td>
                <Table.Td>
                  <LedgerText>{s.permissionKey}</LedgerText>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(inScope.isFetching || due.isFetching) && (
        <Loader role="progressbar" size="xs" aria-label="Counting again" />
      )}
    </Paper>
  );
}
