import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useIsAdmin } from '../../auth';
import { ConfirmDialog, type ConfirmRequest } from '../../common/ConfirmDialog';
import { ProblemAlert } from '../../common/ProblemAlert';
import { PolicyActions } from '../PolicyActions';
import { PolicyStateBadge } from '../PolicyStateBadge';
import { deletePolicy, usePolicy, useScopeLanguage } from '../queries';
import { PolicyForm } from './PolicyForm';

/** /policies/new and /policies/:id: a policy's definition, editable by administrators. */
export function PolicyEditorPage() {
  const { id } = useParams();
  const isAdmin = useIsAdmin();
  const navigate = useNavigate();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const language = useScopeLanguage();
  const stored = usePolicy(id);

  const failed = language.error ?? stored.error;
  if (failed) return <ProblemAlert error={failed} title="The policy cannot be shown" />;
  if (!language.data || (id && !stored.data))
    return <Loader role="progressbar" aria-label="Loading the policy" />;

  const policy = stored.data;
  const askDelete = () =>
    setRequest({
      title: `Delete “${policy!.name}”?`,
      body: (
        <Text size="sm">
          Its schedules are removed. Campaigns it launched stay, with their decisions and evidence.
        </Text>
      ),
      confirmLabel: 'Delete policy',
      color: 'red.9',
      run: async () => {
        await deletePolicy(policy!.id);
        navigate('/policies', { replace: true });
      },
    });
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/policies" size="sm">
        ← Policies
      </Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={1}>{policy ? policy.name : 'New policy'}</Title>
          {policy && (
            <Group gap="xs">
              <PolicyStateBadge active={policy.active} />
              <Text size="sm" c="dimmed">
                {policy.id} · owner {policy.ownerKey} · updated {new Date(policy.updatedAt).toLocaleString()}
              </Text>
            </Group>
          )}
        </Stack>
        {policy && (
          <Group gap="xs">
            <PolicyActions policy={policy} isAdmin={isAdmin} />
            {isAdmin && (
              <Button size="xs" variant="default" color="red.9" onClick={askDelete}>
                Delete policy
              </Button>
            )}
          </Group>
        )}
      </Group>
      {created && (
        <Alert color="blue" role="status" title="Policy created">
          It is inactive: activate it to start its schedules.
        </Alert>
      )}
      <PolicyForm key={id ?? 'new'} stored={policy} fields={language.data} readOnly={!isAdmin} />
      <ConfirmDialog request={request} onClose={() => setRequest(null)} />
    </Stack>
  );
}
