import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { LedgerText } from '../common/LedgerText';
import { usePhoneScrollStop } from '../common/phone';
import { formatDate } from '../common/format';
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
  return (
    <DecidedProgress decided={g.decidedByReviewer} closedAtDueDate={g.closedAtDueDate} total={g.items} />
  );
}

function Timeliness({ r }: { r: CampaignReport['byReviewer'][number] }) {
  if (r.pending === 0 && r.closedAtDueDate > 0)
    return (
      <Badge color="gray.8" variant="outline">
        {r.decidedByReviewer === 0 ? 'Not reviewed' : 'Partly reviewed'}
      </Badge>
    );
  // Filled: white on dark teal reads; the light variant's text was as green as its background.
  if (r.pending === 0)
    return (
      <Badge color="teal.9" variant="filled">
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
export function ReviewerProgress(props: {
  rows: CampaignReport['byReviewer'];
  /** Each reviewer's name links to the items tab filtered by them. */
  itemsLink: (reviewerKey: string) => string;
  /** While it runs, a reviewer may still act ("None yet"); once closed, they did not. */
  open: boolean;
}) {
  const { rows } = props;
  const rank = (r: CampaignReport['byReviewer'][number]) => Number(r.late) * 2 + Number(r.behind);
  const sorted = [...rows].sort((a, b) => rank(b) - rank(a) || b.pending - a.pending);
  const scrollStop = usePhoneScrollStop();
  return (
    <Table striped aria-label="Progress by reviewer" {...scrollStop}>
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
                <Anchor component={Link} to={props.itemsLink(r.key)}>
                  <LedgerText>{r.name ?? r.key}</LedgerText>
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  <LedgerText>{r.key}</LedgerText>
                </Text>
              </Table.Td>
              <Table.Td>{r.pending}</Table.Td>
              <Table.Td miw={160}>
                <Done g={r} />
              </Table.Td>
              <Table.Td>
                {r.lastActivityAt ? formatDate(r.lastActivityAt) : props.open ? 'None yet' : 'None'}
              </Table.Td>
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
  const scrollStop = usePhoneScrollStop();
  return (
    <Table striped aria-label="Progress by application" {...scrollStop}>
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
