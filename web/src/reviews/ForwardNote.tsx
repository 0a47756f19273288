import { Text } from '@mantine/core';
import { useSession } from '../auth';
import { LedgerText } from '../common/LedgerText';
import type { ReviewItem } from './queries';

/**
 * Who forwarded the item and why, in their words: what the reviewer it went to needs to decide (as Okta
 * shows a reassignment's justification). Nothing when the item was never forwarded.
 */
export function ForwardNote({ item }: { item: ReviewItem }) {
  const me = useSession();
  if (!item.forwardedBy) return null;
  const by = item.forwardedBy.key === me.subject ? 'You' : null;
  return (
    <Text size="xs" c="violet.9" data-testid="forward-note">
      {by ? 'You forwarded it' : 'Forwarded by '}
      {!by && <LedgerText>{item.forwardedBy.name}</LedgerText>}
      {item.forwardReason ? (
        <>
          {': '}
          <LedgerText>{item.forwardReason}</LedgerText>
        </>
      ) : (
        ' (no reason given)'
      )}
    </Text>
  );
}
