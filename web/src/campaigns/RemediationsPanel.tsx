import {
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { LedgerText } from '../common/LedgerText';
import { ProblemAlert } from '../common/ProblemAlert';
import { formatDate } from '../common/format';
import { useCloseRemediation, useRemediation, useRemediations, type Remediation } from './queries';

/** Seed 003's closed status, in words. */
export const CLOSED_STATUS: Record<number, { label: string; color: string }> = {
  [-1]: { label: 'Ready to launch', color: 'gray' },
  0: { label: 'Open', color: 'blue' },
  1: { label: 'Done', color: 'teal.9' },
  2: { label: 'Cancelled', color: 'dark' },
};

const TYPE_LABEL: Record<Remediation['type'], string> = {
  embedded: 'Manual task',
  itsm: 'ITSM ticket',
  provisioning: 'Provisioning order',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function Ticket({ r }: { r: Remediation }) {
  if (!r.ticket) return <>—</>;
  const number = r.ticket.number ?? r.ticket.id;
  return r.ticket.url ? (
    <Anchor href={r.ticket.url} target="_blank" rel="noreferrer">
      {number}
    </Anchor>
  ) : (
    <>{number}</>
  );
}

/** A remediation's evidence: every read of its ticket, its verification; an open manual task can be closed. */
function RemediationDetail({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const detail = useRemediation(id);
  const [comment, setComment] = useState('');
  const close = useCloseRemediation(id);
  if (detail.isPending) return <Loader role="progressbar" aria-label="Loading the remediation" />;
  if (detail.isError) return <ProblemAlert error={detail.error} title="Not available" />;
  const r = detail.data;
  const canClose = isAdmin && r.type === 'embedded' && r.closedStatus === 0;
  return (
    <Stack>
      <Text fw={600}>
        <LedgerText>{r.label}</LedgerText>
      </Text>
      <Text size="sm">
        {r.action === 'revoke' ? 'Revoke' : `Update${r.endDate ? ` (ends ${r.endDate})` : ''}`} ·{' '}
        {TYPE_LABEL[r.type]} · attempt {r.attempt}
      </Text>
      <Text size="sm">
        Status: {r.status} ({CLOSED_STATUS[r.closedStatus].label})
        {r.closedBy && (
          <>
            {' by '}
            <LedgerText>{r.closedBy}</LedgerText>
          </>
        )}
        {r.closedAt ? ` on ${formatDate(r.closedAt)}` : ''}
      </Text>
      <Text size="sm">
        Ticket: <Ticket r={r} />
      </Text>
      <Text size="sm">
        Verification: {r.verification.replace('_', ' ')}
        {r.verifiedAt ? ` (${formatDate(r.verifiedAt)})` : ''}
        {r.reopenedCount > 0 ? ` · reopened ${r.reopenedCount} times` : ''}
      </Text>
      {r.polls.length > 0 && (
        <Table aria-label="Polls of the ticket" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Polled at</Table.Th>
              <Table.Th>Attempt</Table.Th>
              <Table.Th>Ticket status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.polls.map((p) => (
              <Table.Tr key={`${p.attempt}-${p.at}`}>
                <Table.Td>{when.format(new Date(p.at))}</Table.Td>
                <Table.Td>{p.attempt}</Table.Td>
                <Table.Td>
                  {p.status} ({CLOSED_STATUS[p.closedStatus].label})
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canClose && (
        <Stack gap="xs">
          <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Group>
            <Button loading={close.isPending} onClick={() => close.mutate({ outcome: 'done', comment })}>
              Close as done
            </Button>
            <Button
              variant="default"
              loading={close.isPending}
              onClick={() => close.mutate({ outcome: 'cancelled', comment })}
            >
              Close as cancelled
            </Button>
          </Group>
        </Stack>
      )}
      {close.isError && <ProblemAlert error={close.error} />}
    </Stack>
  );
}

/** The campaign's remediations: what was asked, where, and whether the access is really gone. */
export function RemediationsPanel({ campaignId, isAdmin }: { campaignId: string; isAdmin: boolean }) {
  const list = useRemediations(campaignId);
  const [open, setOpen] = useState<string | null>(null);
  if (list.isPending) return <Loader role="progressbar" aria-label="Loading the remediations" />;
  if (list.isError) return <ProblemAlert error={list.error} title="The remediations could not be loaded" />;
  if (list.data.items.length === 0) return <Text>No remediation yet.</Text>;
  return (
    <>
      <Table striped aria-label="Remediations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Access</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Closed status</Table.Th>
            <Table.Th>Ticket</Table.Th>
            <Table.Th>Polls</Table.Th>
            <Table.Th>Verification</Table.Th>
            <Table.Th>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <LedgerText>{r.label}</LedgerText>
              </Table.Td>
              <Table.Td>{r.action}</Table.Td>
              <Table.Td>{TYPE_LABEL[r.type]}</Table.Td>
              <Table.Td>{r.status}</Table.Td>
              <Table.Td>
                <Badge color={CLOSED_STATUS[r.closedStatus].color} variant="light">
                  {CLOSED_STATUS[r.closedStatus].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Ticket r={r} />
              </Table.Td>
              <Table.Td>{r.pollCount}</Table.Td>
              <Table.Td>
                {r.verification.replace('_', ' ')}
                {r.flagged && (
                  <Badge color="red.9" variant="filled" ml="xs">
                    Reopened
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" onClick={() => setOpen(r.id)}>
                  Details
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title="Remediation"
      >
        {open && <RemediationDetail id={open} isAdmin={isAdmin} />}
      </Drawer>
    </>
  );
}
