import { Anchor, Code, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LedgerText, showControls } from '../common/LedgerText';
import { actionWords, changeOf } from './auditWords';
import type { AuditEntry } from './queries';

const SESSION = /^session:(.+)$/;

/** The page of the object an entry is about, where there is one. */
function objectPath(e: AuditEntry): string | null {
  const id = encodeURIComponent(e.objectId);
  switch (e.objectType) {
    case 'review_item': {
      const campaignId = e.item?.campaignId ?? e.campaignId;
      return campaignId ? `/campaigns/${campaignId}/items/${id}` : null;
    }
    case 'campaign':
      return `/campaigns/${id}`;
    case 'policy':
      return `/policies/${id}`;
    case 'identity':
      return `/ledger/identities/${id}`;
    default:
      return null;
  }
}

/** The address of the trail filtered to what came through one session or client. */
export const viaPath = (via: string) => `/audit?via=${encodeURIComponent(SESSION.exec(via)?.[1] ?? via)}`;

export function WhoCell({ e }: { e: AuditEntry }) {
  const name = e.names[e.actor];
  return (
    <Stack gap={0}>
      <LedgerText>{name ?? e.actor}</LedgerText>
      {name && (
        <Text size="xs" c="dimmed">
          <LedgerText>{e.actor}</LedgerText>
        </Text>
      )}
    </Stack>
  );
}

export function ActionCell({ e }: { e: AuditEntry }) {
  const words = actionWords(e.action);
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm">{words ?? e.action}</Text>
      {words && <Code>{e.action}</Code>}
      {e.batchSize > 1 ? (
        <Text size="xs" fw={700} c="violet.9" title="Written in one action with others of its kind">
          Bulk: {e.batchSize} in one action
        </Text>
      ) : (
        e.objectType === 'review_item' && (
          <Text size="xs" c="dimmed">
            Single
          </Text>
        )
      )}
    </Stack>
  );
}

export function ObjectCell({ e }: { e: AuditEntry }) {
  const path = objectPath(e);
  const label = e.objectType === 'review_item' ? `Item ${e.objectId}` : `${e.objectType} ${e.objectId}`;
  return (
    <Stack gap={2}>
      {path ? (
        <Anchor component={Link} to={path}>
          {showControls(label)}
        </Anchor>
      ) : (
        <LedgerText>{label}</LedgerText>
      )}
      {e.item && (
        <Text size="sm">
          <LedgerText>{e.item.identityName ?? e.item.identityKey}</LedgerText>
          {' — '}
          <LedgerText>{e.item.permissionName ?? e.item.permissionKey}</LedgerText>
          {' in '}
          <LedgerText>{e.item.applicationName ?? e.item.applicationKey}</LedgerText>
        </Text>
      )}
    </Stack>
  );
}

export function ChangeCell({ e }: { e: AuditEntry }) {
  const lines = changeOf(e);
  if (lines.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {lines.map((l) => (
        <Text size="sm" key={l.what}>
          <Text span fw={600} size="sm">
            {l.what}:
          </Text>{' '}
          {l.before === null ? (
            <Text span size="sm" c="dimmed">
              (none)
            </Text>
          ) : (
            <LedgerText>{l.before}</LedgerText>
          )}
          {' → '}
          {l.after === null ? (
            <Text span size="sm" c="dimmed">
              (none)
            </Text>
          ) : (
            <LedgerText>{l.after}</LedgerText>
          )}
        </Text>
      ))}
    </Stack>
  );
}

const browserOf = (userAgent: string | null) => {
  if (!userAgent) return 'unknown browser';
  const known = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(userAgent);
  return known ? known[0] : userAgent.slice(0, 40);
};

export function ViaCell({ e }: { e: AuditEntry }) {
  if (!e.via) return <Text size="sm">System</Text>;
  const s = e.session;
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={viaPath(e.via)} size="sm">
        {s ? `Session of ${showControls(e.names[s.subject] ?? s.subject)}` : showControls(e.via)}
      </Anchor>
      {s && (
        <Text size="xs" c="dimmed" title={s.userAgent ?? undefined}>
          signed in {new Date(s.createdAt).toLocaleString()} · {showControls(browserOf(s.userAgent))}
        </Text>
      )}
    </Stack>
  );
}

/** The session an address filters on, told once above the entries: who, from when to when, which browser. */
export function SessionSummary({ via, session }: { via: string; session: AuditEntry['session'] }) {
  return (
    <Group gap="xs" role="note" aria-label="Session">
      <Text size="sm">
        Entries made through{' '}
        {session ? (
          <>
            the session of <LedgerText>{session.subject}</LedgerText>, signed in{' '}
            {new Date(session.createdAt).toLocaleString()}
            {session.endedAt ? `, ended ${new Date(session.endedAt).toLocaleString()}` : ', still open'}, from{' '}
            <LedgerText>{session.userAgent ?? 'an unknown browser'}</LedgerText>
          </>
        ) : (
          <LedgerText>{via}</LedgerText>
        )}
        .
      </Text>
    </Group>
  );
}
