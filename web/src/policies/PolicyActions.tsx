import { Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { usePolicyChanges, type PolicyListItem } from './queries';

/**
 * A policy's buttons: exports for everyone who may read it; activation and, while active, a run now for
 * administrators, each asked first (an activation refused for overlapping scopes names the other policy).
 */
export function PolicyActions({ policy, isAdmin }: { policy: PolicyListItem; isAdmin: boolean }) {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [launched, setLaunched] = useState<{ campaignId: string | null; items: number } | null>(null);
  const changes = usePolicyChanges(policy.id);
  const exportUrl = (format: 'xml' | 'json') => `/api/v1/policies/${policy.id}/export?format=${format}`;

  const askActivation = () =>
    setRequest(
      policy.active
        ? {
            title: `Deactivate “${policy.name}”?`,
            body: (
              <Text size="sm">
                Its schedules are paused; no campaign is launched until it is active again.
              </Text>
            ),
            confirmLabel: 'Deactivate',
            run: changes.deactivate,
          }
        : {
            title: `Activate “${policy.name}”?`,
            body: (
              <Text size="sm">
                Its schedules launch campaigns from now on. It is refused when its scope shares assignments
                with another active policy.
              </Text>
            ),
            confirmLabel: 'Activate',
            run: changes.activate,
          },
    );
  const askRun = () => {
    // One key per confirmation: a retried request launches one campaign.
    const key = crypto.randomUUID();
    setRequest({
      title: `Launch a campaign of “${policy.name}” now?`,
      body: <Text size="sm">Every assignment its scope selects today is reviewed in a new campaign.</Text>,
      confirmLabel: 'Run now',
      run: async () => setLaunched(await changes.run(key)),
    });
  };

  return (
    <Group gap="xs">
      {isAdmin && (
        <>
          <Button size="xs" variant={policy.active ? 'default' : 'filled'} onClick={askActivation}>
            {policy.active ? 'Deactivate' : 'Activate'}
          </Button>
          {policy.active && (
            <Button size="xs" variant="light" onClick={askRun}>
              Run now
            </Button>
          )}
        </>
      )}
      <Anchor href={exportUrl('xml')} download size="sm" aria-label={`Export ${policy.name} as XML`}>
        XML
      </Anchor>
      <Anchor href={exportUrl('json')} download size="sm" aria-label={`Export ${policy.name} as JSON`}>
        JSON
      </Anchor>
      {launched && (
        <Text size="sm" role="status">
          {launched.campaignId ? (
            <Anchor component={Link} to={`/campaigns/${launched.campaignId}`}>
              Campaign launched with {launched.items} items
            </Anchor>
          ) : (
            'Nothing in scope: no campaign launched.'
          )}
        </Text>
      )}
      <ConfirmDialog request={request} onClose={() => setRequest(null)} />
    </Group>
  );
}
