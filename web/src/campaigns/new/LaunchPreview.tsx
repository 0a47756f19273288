import { Loader, Paper, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { plural } from '../../common/format';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useLaunchPreview } from '../queries';
import { REVIEWER_RULES, type ReviewerRule } from '../plan/StrategyEditor';
import type { PreviewBody } from './draft';

/** What the campaign would review if launched now: the launch's own selection, counted by the server. */
export function LaunchPreview({ body }: { body: PreviewBody }) {
  const [debounced] = useDebouncedValue(body, 300);
  const preview = useLaunchPreview(debounced);
  if (preview.isPending) return <Loader role="progressbar" size="sm" aria-label="Counting the items" />;
  if (preview.isError) return <ProblemAlert error={preview.error} title="No preview" />;
  const p = preview.data;
  return (
    <Paper withBorder p="md" bg={p.items === 0 ? 'orange.0' : 'blue.0'}>
      <Text fw={600}>This campaign will review</Text>
      <Text role="status" aria-label="Launch preview">
        {plural(p.items, 'item')} of {plural(p.identities, 'identity', 'identities')} in{' '}
        {plural(p.applications, 'application')}, by {plural(p.reviewers, 'reviewer')}.
      </Text>
      {p.byOrigin.length > 0 && (
        <Table aria-label="Items by reviewer rule" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Reviewer from</Table.Th>
              <Table.Th>Items</Table.Th>
              <Table.Th>Reviewers</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.byOrigin.map((o) => (
              <Table.Tr key={o.origin}>
                <Table.Td>
                  {o.origin === 'default'
                    ? 'The default reviewer (or the owner)'
                    : (REVIEWER_RULES[o.origin as ReviewerRule] ?? o.origin)}
                </Table.Td>
                <Table.Td>{o.items}</Table.Td>
                <Table.Td>{o.reviewers}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {preview.isFetching && <Loader role="progressbar" size="xs" aria-label="Counting again" />}
    </Paper>
  );
}
