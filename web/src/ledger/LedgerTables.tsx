import { Anchor, Badge, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LedgerText, showControls } from '../common/LedgerText';
import { PagedTable, usePaged, type Column } from '../common/PagedTable';
import { LastCertification } from './LastCertification';
import {
  fetchApplications,
  fetchAssignments,
  fetchIdentities,
  fetchPermissions,
  ledgerKeys,
  type ApplicationListItem,
  type AssignmentListItem,
  type IdentityListItem,
  type PermissionListItem,
} from './queries';

/** Text of the ledger in a cell, or a dash for none. */
export const ledgerCell = (text: string | null) => (text === null ? '—' : <LedgerText>{text}</LedgerText>);

const keyed = (name: string | null, key: string | null) =>
  key ? (
    <>
      <LedgerText>{name ?? key}</LedgerText>{' '}
      <Text span size="xs" c="dimmed">
        <LedgerText>{key}</LedgerText>
      </Text>
    </>
  ) : (
    '—'
  );

export const identityLink = (key: string, name: string) => (
  <Anchor component={Link} to={`/ledger/identities/${encodeURIComponent(key)}`}>
    <LedgerText>{name}</LedgerText>
  </Anchor>
);

const IDENTITY_COLUMNS: Column<IdentityListItem>[] = [
  { header: 'Name', cell: (i) => identityLink(i.key, i.displayName) },
  { header: 'Key', cell: (i) => ledgerCell(i.key) },
  { header: 'E-mail', cell: (i) => ledgerCell(i.email) },
  { header: 'Department', cell: (i) => ledgerCell(i.department) },
  { header: 'Manager', cell: (i) => keyed(i.managerName, i.managerKey) },
  {
    header: 'Status',
    cell: (i) => (
      <Badge variant="outline" color={i.status === 'active' ? 'teal.9' : 'gray.8'}>
        {i.status}
      </Badge>
    ),
  },
  { header: 'Assignments', cell: (i) => i.assignmentCount },
];

export function IdentitiesTable({ q }: { q: string }) {
  const query = usePaged(ledgerKeys.list('identities', q), (cursor) => fetchIdentities(q, cursor));
  return (
    <PagedTable
      label="Identities"
      query={query}
      columns={IDENTITY_COLUMNS}
      rowKey={(i) => i.key}
      empty={q ? 'No identity matches.' : 'The ledger holds no identity yet.'}
    />
  );
}

export function ApplicationsTable({ q, onPermissions }: { q: string; onPermissions: (key: string) => void }) {
  const query = usePaged(ledgerKeys.list('applications', q), (cursor) => fetchApplications(q, cursor));
  const columns: Column<ApplicationListItem>[] = [
    { header: 'Name', cell: (a) => ledgerCell(a.name) },
    { header: 'Key', cell: (a) => ledgerCell(a.key) },
    { header: 'Owner', cell: (a) => keyed(a.ownerName, a.ownerKey) },
    {
      header: 'Permissions',
      cell: (a) => (
        <Anchor
          component="button"
          type="button"
          aria-label={`${a.permissionCount} permissions of ${showControls(a.name)}`}
          onClick={() => onPermissions(a.key)}
        >
          {a.permissionCount}
        </Anchor>
      ),
    },
    { header: 'Assignments', cell: (a) => a.assignmentCount },
  ];
  return (
    <PagedTable
      label="Applications"
      query={query}
      columns={columns}
      rowKey={(a) => a.key}
      empty={q ? 'No application matches.' : 'The ledger holds no application yet.'}
    />
  );
}

const PERMISSION_COLUMNS: Column<PermissionListItem>[] = [
  { header: 'Name', cell: (p) => ledgerCell(p.name) },
  { header: 'Key', cell: (p) => ledgerCell(p.key) },
  { header: 'Application', cell: (p) => ledgerCell(p.applicationName) },
  { header: 'Kind', cell: (p) => ledgerCell(p.kind) },
  {
    header: 'Critical',
    cell: (p) =>
      p.critical ? (
        <Badge color="red.9" variant="filled">
          critical
        </Badge>
      ) : (
        ''
      ),
  },
  { header: 'Owner', cell: (p) => keyed(p.ownerName, p.ownerKey) },
  { header: 'Assignments', cell: (p) => p.assignmentCount },
];

export function PermissionsTable({ q, applicationKey }: { q: string; applicationKey: string | null }) {
  const query = usePaged(ledgerKeys.list('permissions', q, applicationKey), (cursor) =>
    fetchPermissions(q, applicationKey, cursor),
  );
  return (
    <PagedTable
      label="Permissions"
      query={query}
      columns={PERMISSION_COLUMNS}
      rowKey={(p) => p.key}
      empty={q || applicationKey ? 'No permission matches.' : 'The ledger holds no permission yet.'}
    />
  );
}

const ASSIGNMENT_COLUMNS: Column<AssignmentListItem>[] = [
  { header: 'Identity', cell: (a) => identityLink(a.identityKey, a.identityName) },
  { header: 'Application', cell: (a) => ledgerCell(a.applicationName) },
  { header: 'Permission', cell: (a) => ledgerCell(a.permissionName) },
  { header: 'Account', cell: (a) => ledgerCell(a.accountLogin) },
  { header: 'Status', cell: (a) => ledgerCell(a.status) },
  { header: 'Last certification', cell: (a) => <LastCertification assignment={a} /> },
];

export function AssignmentsTable({ q }: { q: string }) {
  const query = usePaged(ledgerKeys.list('assignments', q), (cursor) => fetchAssignments({ q }, cursor));
  return (
    <PagedTable
      label="Assignments"
      query={query}
      columns={ASSIGNMENT_COLUMNS}
      rowKey={(a) => a.key}
      empty={q ? 'No assignment matches.' : 'The ledger holds no assignment yet.'}
    />
  );
}
