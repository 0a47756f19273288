import { Badge } from '@mantine/core';

// Shades dark enough for WCAG AA on white and on striped rows (4.5:1 and more): the lighter orange and
// "light" badges read at 3.6:1. The most urgent is filled, so P1 and P2 differ by more than their hue.
const STYLE: { color: string; variant: 'filled' | 'outline' }[] = [
  { color: 'red.9', variant: 'filled' },
  { color: 'red.9', variant: 'outline' },
  { color: 'blue.9', variant: 'outline' },
  { color: 'gray.8', variant: 'outline' },
  { color: 'gray.8', variant: 'outline' },
];

/** A campaign's priority, 1 the most urgent, as `P1` … `P5`. */
export function PriorityBadge({ priority }: { priority: number }) {
  const style = STYLE[priority - 1] ?? STYLE[4];
  return (
    <Badge color={style.color} variant={style.variant} title={`Priority ${priority} of 5`}>
      P{priority}
    </Badge>
  );
}
