import { Badge, Checkbox, Stack, Text } from '@mantine/core';
import { PagedTable, usePaged, type Column } from '../common/PagedTable';
import { identityLink, ledgerCell } from './LedgerTables';
import { fetchAccounts, ledgerKeys, type AccountListItem } from './queries';

const ACCOUNT_COLUMNS: Column<AccountListItem>[] = [
  { header: 'Login', cell: (a) => ledgerCell(a.login) },
  {
    header: 'Identity',
    cell: (a) =>
      a.ownerKey ? (
        <Stack gap={0}>
          {identityLink(a.ownerKey, a.ownerName ?? a.ownerKey)}
          {a.ownerStatus === 'inactive' && (
            <Text size="xs" c="red.9">
              identity inactive
            </Text>
          )}
        </Stack>
      ) : (
        <Badge variant="outline" color="red.9">
          orphan — no identity
        </Badge>
      ),
  },
  { header: 'Application', cell: (a) => ledgerCell(a.applicationName) },
  {
    header: 'Status',
    cell: (a) => (
      <Badge variant="outline" color={a.status === 'active' ? 'teal.9' : 'gray.8'}>
        {a.status}
      </Badge>
    ),
  },
  {
    header: 'Last used',
    cell: (a) => (a.lastLoginAt ? new Date(a.lastLoginAt).toLocaleDateString() : 'never recorded'),
  },
  { header: 'Assignments', cell: (a) => a.assignmentCount },
  { header: 'Key', cell: (a) => ledgerCell(a.key) },
];

/** Accounts in the applications, with the identity owning each; orphans (nobody owns them) on request. */
export function AccountsTable({
  q,
  orphans,
  onOrphans,
}: {
  q: string;
  orphans: boolean;
  onOrphans: (only: boolean) => void;
}) {
  const query = usePaged(ledgerKeys.list('accounts', q, orphans), (cursor) =>
    fetchAccounts({ q, orphans }, cursor),
  );
  return (
    <Stack>
      <Checkbox
        label="Orphan accounts only (no identity owns them)"
        checked={orphans}
        onChange={(e) => onOrphans(e.currentTarget.checked)}
      />
      <PagedTable
        label="Accounts"
        query={query}
        columns={ACCOUNT_COLUMNS}
        rowKey={(a) => a.key}
        empty={
          orphans
            ? 'No orphan account: every account has an identity.'
            : q
              ? 'No account matches.'
              : 'The ledger holds no account yet.'
        }
      />
    </Stack>
  );
}
