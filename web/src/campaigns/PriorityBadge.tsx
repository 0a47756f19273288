import { Badge } from '@mantine/core';

const COLOR = ['red', 'orange', 'blue', 'gray', 'gray'];

/** A campaign's priority, 1 the most urgent, as `P1` … `P5`. */
export function PriorityBadge({ priority }: { priority: number }) {
  return (
    <Badge color={COLOR[priority - 1] ?? 'gray'} variant="light" title={`Priority ${priority} of 5`}>
      P{priority}
    </Badge>
  );
}
