import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useIsAdmin } from '../auth';
import { PagedTable, usePaged, type Column } from '../common/PagedTable';
import { ImportPolicyButton } from './ImportPolicyButton';
import { PolicyActions } from './PolicyActions';
import { PolicyStateBadge } from './PolicyStateBadge';
import { fetchPolicies, type PolicyListItem } from './queries';

const planOf = (p: PolicyListItem) => {
  const plan = p.campaignExecutionPlan;
  if (!plan) return 'No campaign schedule';
  return plan.scheduleType === 'CRON'
    ? `Cron ${plan.cron}`
    : `Every ${plan.interval} ${plan.intervalUnit.toLowerCase()}`;
};

const nextRuns = (p: PolicyListItem) => {
  if (p.schedules === null) return 'Temporal could not be asked';
  if (p.schedules.length === 0) return 'None';
  return p.schedules.map((s) => (
    <Text key={s.scheduleId} size="sm">
      {s.mode === 'campaign' ? 'Campaign' : 'Sweep'}:{' '}
      {s.paused || s.nextRunTimes.length === 0 ? 'paused' : new Date(s.nextRunTimes[0]).toLocaleString()}
    </Text>
  ));
};

/** Seed 002's recertification policies: what they select, when they run, and their state. */
export function PoliciesPage() {
  const isAdmin = useIsAdmin();
  const query = usePaged(['policies'], fetchPolicies);
  const columns: Column<PolicyListItem>[] = [
    {
      header: 'Policy',
      cell: (p) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/policies/${p.id}`} fw={600}>
            {p.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {p.id}
          </Text>
        </Stack>
      ),
    },
    {
      header: 'State',
      cell: (p) => <PolicyStateBadge active={p.active} />,
    },
    { header: 'Identities', cell: (p) => p.identityScope.objectTypes.join(', ') || 'Every type' },
    { header: 'Recertification period', cell: (p) => p.recertificationPeriod ?? '—' },
    { header: 'Campaigns', cell: planOf },
    { header: 'Next runs', cell: nextRuns },
    { header: 'Actions', cell: (p) => <PolicyActions policy={p} isAdmin={isAdmin} /> },
  ];
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Title order={1}>Policies</Title>
        {isAdmin && (
          <Group align="start">
            <Button component={Link} to="/policies/new">
              New policy
            </Button>
            <ImportPolicyButton />
          </Group>
        )}
      </Group>
      <PagedTable
        label="Policies"
        query={query}
        columns={columns}
        rowKey={(p) => p.id}
        empty="No recertification policy yet."
      />
    </Stack>
  );
}
