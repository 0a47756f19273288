import { Alert, Anchor, AppShell, Button, Center, Group, Loader, Text } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { ProblemError } from '../api/client';
import { SessionContext, useMeQuery } from '../auth/session';
import { signOut } from '../auth/sign-out';
import { LedgerText } from '../common/LedgerText';

/** The console's areas, offered to administrators and auditors. */
const CONSOLE_LINKS = [
  ['/campaigns', 'Campaigns'],
  ['/policies', 'Policies'],
  ['/ledger', 'Ledger'],
  ['/audit', 'Audit trail'],
] as const;

/** Every page: signed in first (the API's 401 sends the browser to the provider), then the header and the page. */

export function Layout() {
  const me = useMeQuery();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader role="progressbar" aria-label="Signing in" />
      </Center>
    );
  }
  if (me.isError) {
    const problem = me.error instanceof ProblemError ? me.error.problem : undefined;
    return (
      <Center h="100vh" p="md">
        <Alert color="red" title={problem?.title ?? 'Recert is not available'} maw={560} role="alert">
          {problem?.detail ?? 'The server could not be reached. Try again in a moment.'}
        </Alert>
      </Center>
    );
  }
  return (
    <SessionContext.Provider value={me.data}>
      <AppShell header={{ height: 56 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Group gap="lg">
              <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
                Recert
              </Anchor>
              <Anchor component={Link} to="/">
                My reviews
              </Anchor>
              {me.data.roles.some((r) => r === 'admin' || r === 'auditor') &&
                CONSOLE_LINKS.map(([to, label]) => (
                  <Anchor key={to} component={Link} to={to}>
                    {label}
                  </Anchor>
                ))}
            </Group>
            <Group gap="sm">
              <Text size="sm" aria-label="Signed in as">
                <LedgerText>{me.data.displayName}</LedgerText>
              </Text>
              <Button variant="subtle" size="compact-sm" onClick={() => void signOut()}>
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </SessionContext.Provider>
  );
}
