import { Badge, Button, CloseButton, Group, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useIsAdmin } from '../auth';
import { AccountsTable } from './AccountsTable';
import { ImportLedgerDialog } from './ImportLedgerDialog';
import { ApplicationsTable, AssignmentsTable, IdentitiesTable, PermissionsTable } from './LedgerTables';

const TABS = {
  identities: 'Identities',
  applications: 'Applications',
  permissions: 'Permissions',
  assignments: 'Assignments',
  accounts: 'Accounts',
} as const;
type Tab = keyof typeof TABS;
const isTab = (t: string | null): t is Tab => t !== null && t in TABS;

/**
 * The identity ledger as administrators and auditors browse it. The tab, the search, the application
 * filter and "orphan accounts only" live in the address, so a view can be shared or bookmarked.
 */
export function LedgerPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'identities';
  const q = params.get('q') ?? '';
  const applicationKey = params.get('application');
  const [text, setText] = useState(q);
  const [importing, setImporting] = useState(false);
  const isAdmin = useIsAdmin();

  const orphans = params.get('orphans') === 'true';
  const show = (next: { tab?: Tab; q?: string; application?: string | null; orphans?: string | null }) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const [name, value] of Object.entries(next)) {
          if (value) out.set(name, value);
          else out.delete(name);
        }
        return out;
      },
      { replace: true },
    );
  const search = useDebouncedCallback((value: string) => show({ q: value.trim() }), 250);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Ledger</Title>
        {isAdmin && <Button onClick={() => setImporting(true)}>Import ledger</Button>}
      </Group>
      <Group align="end">
        <TextInput
          label="Search"
          placeholder="Key or name"
          w={320}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            search(e.currentTarget.value);
          }}
        />
        {tab === 'permissions' && applicationKey && (
          <Badge
            size="lg"
            variant="outline"
            color="blue.9"
            rightSection={
              <CloseButton
                size="xs"
                aria-label="Show every application’s permissions"
                onClick={() => show({ application: null })}
              />
            }
          >
            Application: {applicationKey}
          </Badge>
        )}
      </Group>
      <Tabs
        keepMounted={false}
        value={tab}
        onChange={(t) => {
          if (isTab(t)) show({ tab: t, application: null, orphans: null });
        }}
      >
        <Tabs.List>
          {Object.entries(TABS).map(([value, label]) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="identities" pt="md">
          <IdentitiesTable q={q} />
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <ApplicationsTable
            q={q}
            onPermissions={(key) => {
              setText('');
              show({ tab: 'permissions', application: key, q: '' });
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="permissions" pt="md">
          <PermissionsTable q={q} applicationKey={applicationKey} />
        </Tabs.Panel>
        <Tabs.Panel value="assignments" pt="md">
          <AssignmentsTable q={q} />
        </Tabs.Panel>
        <Tabs.Panel value="accounts" pt="md">
          <AccountsTable
            q={q}
            orphans={orphans}
            onOrphans={(only) => show({ orphans: only ? 'true' : null })}
          />
        </Tabs.Panel>
      </Tabs>
      {isAdmin && <ImportLedgerDialog opened={importing} onClose={() => setImporting(false)} />}
    </Stack>
  );
}
