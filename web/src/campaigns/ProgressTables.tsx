import { Badge, Button, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { LedgerText } from '../common/LedgerText';
import { formatDate } from '../reviews/format';
import { DecidedProgress } from './DecidedProgress';
import type { CampaignReport } from './queries';

type Group = CampaignReport['byApplication'][number];

// A campaign of 10,000 reviewers stays readable: the first rows (late ones first), then all on demand.
const FIRST_ROWS = 50;

function Limited<T>({ rows, render, what }: { rows: T[]; render: (row: T) => ReactNode; what: string }) {
  const [all, setAll] = useState(false);
  return (
    <>
      {(all ? rows : rows.slice(0, FIRST_ROWS)).map(render)}
      {!all && rows.length > FIRST_ROWS && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Button variant="subtle" size="compact-sm" onClick={() => setAll(true)}>
              Show all {rows.length} {what}
            </Button>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function Done({ g }: { g: Group }) {
  return <DecidedProgress decided={g.items - g.pending} total={g.items} />;
}

function Timeliness({ r }: { r: CampaignReport['byReviewer'][number] }) {
  if (r.pending === 0)
    return (
      <Badge color="teal.9" variant="light">
        Done
      </Badge>
    );
  if (r.late)
    return (
      <Badge color="red.9" variant="filled">
        Late
      </Badge>
    );
  if (r.behind)
    return (
      <Badge color="orange.9" variant="outline">
        Behind
      </Badge>
    );
  return (
    <Badge color="gray.8" variant="outline">
      On track
    </Badge>
  );
}

/** Each reviewer's progress: who is late (behind the campaign's clock), what waits for them, when they last acted. */
export function ReviewerProgress({ rows }: { rows: CampaignReport['byReviewer'] }) {
  const rank = (r: CampaignReport['byReviewer'][number]) => Number(r.late) * 2 + Number(r.behind);
  const sorted = [...rows].sort((a, b) => rank(b) - rank(a) || b.pending - a.pending);
  return (
    <Table striped aria-label="Progress by reviewer">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Reviewer</Table.Th>
          <Table.Th>Pending</Table.Th>
          <Table.Th>Progress</Table.Th>
          <Table.Th>Last activity</Table.Th>
          <Table.Th>On time</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Limited
          rows={sorted}
          what="reviewers"
          render={(r) => (
            <Table.Tr key={r.key}>
              <Table.Td>
                <LedgerText>{r.name ?? r.key}</LedgerText>{' '}
                <Text span size="xs" c="dimmed">
                  <LedgerText>{r.key}</LedgerText>
                </Text>
              </Table.Td>
              <Table.Td>{r.pending}</Table.Td>
              <Table.Td miw={160}>
                <Done g={r} />
              </Table.Td>
              <Table.Td>{r.lastActivityAt ? formatDate(r.lastActivityAt) : 'None yet'}</Table.Td>
              <Table.Td>
                <Timeliness r={r} />
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Table.Tbody>
    </Table>
  );
}

export function ApplicationProgress({ rows }: { rows: CampaignReport['byApplication'] }) {
  return (
    <Table striped aria-label="Progress by application">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Application</Table.Th>
          <Table.Th>Pending</Table.Th>
          <Table.Th>Progress</Table.Th>
          <Table.Th>Approved</Table.Th>
          <Table.Th>Revoked</Table.Th>
          <Table.Th>Updated</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Limited
          rows={rows}
          what="applications"
          render={(a) => (
            <Table.Tr key={a.key}>
              <Table.Td>
                <LedgerText>{a.name ?? a.key}</LedgerText>
              </Table.Td>
              <Table.Td>{a.pending}</Table.Td>
              <Table.Td miw={160}>
                <Done g={a} />
              </Table.Td>
              <Table.Td>{a.approved}</Table.Td>
              <Table.Td>{a.revoked}</Table.Td>
              <Table.Td>{a.updated}</Table.Td>
            </Table.Tr>
          )}
        />
      </Table.Tbody>
    </Table>
  );
}
