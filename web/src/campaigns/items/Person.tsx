import { Text } from '@mantine/core';
import { LedgerText } from '../../common/LedgerText';

/** A person by name, their key beside it (the key alone when the ledger has no name). */
export function Person({ p }: { p: { key: string; name: string | null } }) {
  return (
    <>
      <LedgerText>{p.name ?? p.key}</LedgerText>
      {p.name && (
        <Text span size="xs" c="dimmed">
          {' '}
          <LedgerText>{p.key}</LedgerText>
        </Text>
      )}
    </>
  );
}
