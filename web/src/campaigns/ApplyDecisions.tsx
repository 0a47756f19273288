import { Alert, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { ProblemError } from '../api/problem';
import { LedgerText } from '../common/LedgerText';
import { ProblemAlert } from '../common/ProblemAlert';
import { useApplyDecisions, useApplyDryRun, type Campaign } from './queries';

const isStateConflict = (error: Error) => error instanceof ProblemError && error.problem.status === 409;

/**
 * Seed 000's "Apply Decisions": the dry run first (how many remediations of each type and action, and the
 * decisions behind them), then, once confirmed, the remediations are created.
 */
export function ApplyDecisions(props: { campaign: Campaign; opened: boolean; onClose: () => void }) {
  const { campaign } = props;
  const dryRun = useApplyDryRun(campaign.id, props.opened);
  const apply = useApplyDecisions(campaign.id);
  const close = () => {
    apply.reset();
    props.onClose();
  };
  const byType = Object.entries(dryRun.data?.byType ?? {}).flatMap(([type, actions]) =>
    Object.entries(actions).map(([action, n]) => ({ type, action, n })),
  );
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={`Apply the decisions of ${campaign.number}`}
      size="xl"
    >
      <Stack>
        {dryRun.isPending && <Loader role="progressbar" aria-label="Working out the remediations" />}
        {dryRun.isError &&
          !apply.isSuccess &&
          // A campaign that applied its decisions already (or applies them itself) is not an error.
          (isStateConflict(dryRun.error) ? (
            <Alert color="gray" title="Nothing to apply">
              {dryRun.error.message}
            </Alert>
          ) : (
            <ProblemAlert error={dryRun.error} title="The dry run failed" />
          ))}
        {dryRun.isSuccess && !apply.isSuccess && (
          <>
            <Text>
              {dryRun.data.remediations === 0
                ? 'No decision needs a remediation: applying closes the matter.'
                : `${dryRun.data.remediations} remediations will be created:`}
            </Text>
            {byType.length > 0 && (
              <Table aria-label="Remediations by type and action" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Count</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {byType.map((r) => (
                    <Table.Tr key={`${r.type}-${r.action}`}>
                      <Table.Td>{r.type}</Table.Td>
                      <Table.Td>{r.action}</Table.Td>
                      <Table.Td>{r.n}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {(dryRun.data.sample?.length ?? 0) > 0 && (
              <Table aria-label="Decisions to apply" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Access</Table.Th>
                    <Table.Th>Decision</Table.Th>
                    <Table.Th>Goes to</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dryRun.data.sample!.map((d) => (
                    <Table.Tr key={d.itemId}>
                      <Table.Td>
                        <LedgerText>{d.label}</LedgerText>
                      </Table.Td>
                      <Table.Td>{d.action}</Table.Td>
                      <Table.Td>
                        {d.type === 'itsm' && `ITSM ${d.itsmInstance ?? ''}`}
                        {d.type === 'embedded' && (
                          <>
                            Task for{' '}
                            {d.assigneeKey ? (
                              <LedgerText>{d.assigneeKey}</LedgerText>
                            ) : (
                              'the application owner'
                            )}
                          </>
                        )}
                        {d.type === 'provisioning' && 'Provisioning order'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {(dryRun.data.sample?.length ?? 0) < dryRun.data.remediations && (
              <Text size="sm" c="dimmed">
                The first {dryRun.data.sample?.length} of {dryRun.data.remediations} are shown.
              </Text>
            )}
          </>
        )}
        {apply.isError && <ProblemAlert error={apply.error} />}
        {apply.isSuccess && (
          <Text role="status">
            Decisions applied: {apply.data.remediations} remediations created. Follow them under Remediations.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {apply.isSuccess ? 'Close' : 'Not now'}
          </Button>
          {!apply.isSuccess && (
            <Button disabled={!dryRun.isSuccess} loading={apply.isPending} onClick={() => apply.mutate()}>
              Confirm and apply
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
