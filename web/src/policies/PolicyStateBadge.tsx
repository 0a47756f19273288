import { Badge } from '@mantine/core';

/** Filled on a dark shade: Mantine's light variants fall below AA contrast. */
export function PolicyStateBadge({ active }: { active: boolean }) {
  return (
    <Badge color={active ? 'teal.9' : 'gray.8'} variant="filled">
      {active ? 'Active' : 'Inactive'}
    </Badge>
  );
}
