import { Alert, Anchor, Badge, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LedgerText, showControls } from '../common/LedgerText';
import { PagedTable, usePaged, type Column } from '../common/PagedTable';
import { HistoryDrawer, type HistorySubject } from '../reviews';
import { LastCertification } from './LastCertification';
import { identityLink, ledgerCell } from './LedgerTables';
import { fetchAssignments, ledgerKeys, useIdentity, type AssignmentListItem } from './queries';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** One person of the ledger: who they are, and every access they hold with when it was last reviewed. */
export function IdentityPage() {
  const key = useParams().key!;
  const identity = useIdentity(key);
  const assignments = usePaged(ledgerKeys.list('assignments-of', key), (cursor) =>
    fetchAssignments({ identityKey: key }, cursor),
  );
  const [history, setHistory] = useState<HistorySubject | null>(null);

  const columns: Column<AssignmentListItem>[] = [
    { header: 'Application', cell: (a) => ledgerCell(a.applicationName) },
    { header: 'Permission', cell: (a) => ledgerCell(a.permissionName) },
    { header: 'Account', cell: (a) => ledgerCell(a.accountLogin) },
    { header: 'Origin', cell: (a) => a.origin },
    { header: 'Status', cell: (a) => ledgerCell(a.status) },
    { header: 'Last certification', cell: (a) => <LastCertification assignment={a} /> },
    {
      header: 'History',
      cell: (a) =>
        a.lastCertification && (
          <Button
            size="compact-xs"
            variant="default"
            aria-label={`History of ${showControls(a.permissionName)}`}
            onClick={() =>
              setHistory({
                id: a.lastCertification!.itemId,
                identity: { name: a.identityName },
                permission: { name: a.permissionName },
              })
            }
          >
            History
          </Button>
        ),
    },
  ];

  return (
    <Stack>
      <Anchor component={Link} to="/ledger" size="sm">
        ← Ledger
      </Anchor>
      {identity.isPending && <Loader role="progressbar" aria-label="Loading the identity" />}
      {identity.isError && (
        <Alert color="red" role="alert" title="This identity could not be shown">
          {identity.error.message}
        </Alert>
      )}
      {identity.data && (
        <>
          <Group>
            <Title order={1}>
              <LedgerText>{identity.data.displayName}</LedgerText>
            </Title>
            <Badge variant="outline" color={identity.data.status === 'active' ? 'teal.9' : 'gray.8'}>
              {identity.data.status}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Field label="Key">{ledgerCell(identity.data.key)}</Field>
            <Field label="E-mail">{ledgerCell(identity.data.email)}</Field>
            <Field label="Department">{ledgerCell(identity.data.department)}</Field>
            <Field label="Job title">{ledgerCell(identity.data.jobTitle)}</Field>
            <Field label="Type">{ledgerCell(identity.data.type)}</Field>
            <Field label="Manager">
              {identity.data.managerKey
                ? identityLink(
                    identity.data.managerKey,
                    identity.data.managerName ?? identity.data.managerKey,
                  )
                : '—'}
            </Field>
            <Field label="Assignments">{identity.data.assignmentCount}</Field>
          </SimpleGrid>
          <Title order={2} size="h3">
            Access
          </Title>
          <PagedTable
            label="Assignments"
            query={assignments}
            columns={columns}
            rowKey={(a) => a.key}
            empty="This person holds no access in the ledger."
          />
        </>
      )}
      <HistoryDrawer item={history} onClose={() => setHistory(null)} />
    </Stack>
  );
}
