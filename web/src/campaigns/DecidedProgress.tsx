import { Progress, Text } from '@mantine/core';

/**
 * How much of a campaign, reviewer or application is decided, and by whom: what reviewers decided apart
 * from what the due-date rule closed undecided (a closed campaign is not "all decided" because its time ran out).
 */
export function DecidedProgress(props: { decided: number; closedAtDueDate: number; total: number }) {
  const { decided, closedAtDueDate, total } = props;
  const share = (n: number) => (total ? (100 * n) / total : 0);
  const words =
    `${decided} of ${total} decided by reviewers` +
    (closedAtDueDate ? ` · ${closedAtDueDate} closed at the due date` : '');
  return (
    <>
      {/* The words below say what the bar shows. */}
      <Progress.Root aria-hidden>
        <Progress.Section value={share(decided)} color="blue.8" />
        <Progress.Section value={share(closedAtDueDate)} color="gray.5" />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        {words}
      </Text>
    </>
  );
}
