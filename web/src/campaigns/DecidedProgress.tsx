import { Progress, Text } from '@mantine/core';

/** How much of a campaign, reviewer or application is decided: a bar, and the same in words. */
export function DecidedProgress({ decided, total }: { decided: number; total: number }) {
  return (
    <>
      <Progress value={total ? (100 * decided) / total : 0} aria-label={`${decided} of ${total} decided`} />
      <Text size="xs" c="dimmed">
        {decided} of {total} decided
      </Text>
    </>
  );
}
