import {
  Alert,
  Anchor,
  AppShell,
  Burger,
  Button,
  Center,
  Drawer,
  Group,
  Loader,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { ProblemError } from '../api/problem';
import { SessionContext, signOut, useMeQuery } from '../auth';
import { LedgerText } from '../common/LedgerText';
import { PHONE_QUERY } from '../common/phone';
import './phone.css';

/** The console's areas, offered to administrators and auditors. */
const CONSOLE_LINKS = [
  ['/campaigns', 'Campaigns'],
  ['/policies', 'Policies'],
  ['/ledger', 'Ledger'],
  ['/audit', 'Audit trail'],
  ['/mail', 'Mail'],
] as const;

/** Every page: signed in first (the API's 401 sends the browser to the provider), then the header and the page. */

export function Layout() {
  const me = useMeQuery();
  const phone = useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false });
  // The phone's menu is open on one page only: following a link closes it.
  const { pathname } = useLocation();
  const [menuOn, setMenuOn] = useState<string | null>(null);
  const menu = menuOn === pathname;
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
  const links = (
    <>
      <Anchor component={Link} to="/">
        My reviews
      </Anchor>
      {me.data.roles.some((r) => r === 'admin' || r === 'auditor') &&
        CONSOLE_LINKS.map(([to, label]) => (
          <Anchor key={to} component={Link} to={to}>
            {label}
          </Anchor>
        ))}
    </>
  );
  const signedIn = (
    <Group gap="sm">
      <Text size="sm" aria-label="Signed in as">
        <LedgerText>{me.data.displayName}</LedgerText>
      </Text>
      <Button variant="subtle" size="compact-sm" onClick={() => void signOut()}>
        Sign out
      </Button>
    </Group>
  );
  return (
    <SessionContext.Provider value={me.data}>
      <AppShell header={{ height: 56 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              {phone && (
                <Burger
                  opened={menu}
                  onClick={() => setMenuOn(menu ? null : pathname)}
                  aria-label="Menu"
                  aria-expanded={menu}
                  size="sm"
                />
              )}
              <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
                Recert
              </Anchor>
              {!phone && (
                <Group gap="lg" component="nav" aria-label="Main">
                  {links}
                </Group>
              )}
            </Group>
            {!phone && signedIn}
          </Group>
        </AppShell.Header>
        {phone && (
          <Drawer opened={menu} onClose={() => setMenuOn(null)} title="Menu" size="xs">
            <Stack gap="md">
              <Stack gap="sm" component="nav" aria-label="Main">
                {links}
              </Stack>
              {signedIn}
            </Stack>
          </Drawer>
        )}
        <AppShell.Main>
          {/* A page's code is fetched the first time it is shown (app/pages.ts). */}
          <Suspense fallback={<Loader role="progressbar" aria-label="Loading the page" />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </SessionContext.Provider>
  );
}
