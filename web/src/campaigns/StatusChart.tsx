import { ColorSwatch, Group, Progress, Stack, Text } from '@mantine/core';
import { ITEM_STATUS } from './status';
import type { Campaign } from './queries';

/** The campaign's items by status: one stacked bar, and its legend with the counts (what a reader hears). */
export function StatusChart({ counts }: { counts: Campaign['counts'] }) {
  const shown = ITEM_STATUS.filter((s) => counts[s.status] > 0);
  const share = (n: number) => (counts.total ? (100 * n) / counts.total : 0);
  return (
    <Stack gap="xs">
      <Progress.Root size={28} aria-hidden>
        {shown.map((s) => (
          <Progress.Section key={s.status} value={share(counts[s.status])} color={s.color} />
        ))}
      </Progress.Root>
      <Group component="ul" aria-label="Items by status" gap="lg" m={0} p={0} style={{ listStyle: 'none' }}>
        {ITEM_STATUS.map((s) => (
          <Group key={s.status} component="li" gap={6}>
            <ColorSwatch color={`var(--mantine-color-${s.color.replace('.', '-')})`} size={14} aria-hidden />
            <Text size="sm">
              {s.label}: <strong>{counts[s.status]}</strong>
            </Text>
          </Group>
        ))}
        <Text size="sm" c="dimmed" component="li">
          Total: {counts.total}
        </Text>
      </Group>
    </Stack>
  );
}
