import { Group, Popover, Text, UnstyledButton } from '@mantine/core';
import { IconHelpCircle, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import type { ReviewItem } from './queries';

/** What the row says: "manual" read like the item's origin, so "no recommendation" is said in words. */
export const RECOMMENDATION_LABEL: Record<ReviewItem['recommendation'], string> = {
  recommended: 'Recommended',
  not_recommended: 'Not recommended',
  none: 'No recommendation',
};

/** Seed 000's explanations of the recommendation. */
export const RECOMMENDATION_REASON: Record<ReviewItem['recommendation'], string> = {
  recommended:
    'The entitlement was granted automatically according to the security policy. You can approve it because it is compliant.',
  not_recommended:
    'The entitlement does not comply with the security policy. Refuse it, unless the person really needs it.',
  none: 'The entitlement was granted or denied manually, outside the security policy. Review it carefully.',
};

/**
 * The recommendation in words, and its reason a click (or tap, or Enter) away: a hover tooltip never
 * shows on a touch screen.
 */
export function RecommendationIcon({ value }: { value: ReviewItem['recommendation'] }) {
  return (
    <Popover width={300} withArrow position="bottom-start" shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={`${RECOMMENDATION_LABEL[value]}: why?`}>
          <Group gap={4} wrap="nowrap">
            {value === 'recommended' && (
              <IconThumbUp size={16} color="var(--mantine-color-green-9)" aria-hidden />
            )}
            {value === 'not_recommended' && (
              <IconThumbDown size={16} color="var(--mantine-color-red-9)" aria-hidden />
            )}
            <Text span size="xs" fw={600}>
              {RECOMMENDATION_LABEL[value]}
            </Text>
            <IconHelpCircle size={14} color="var(--mantine-color-gray-7)" aria-hidden />
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" fw={600}>
          {RECOMMENDATION_LABEL[value]}
        </Text>
        <Text size="sm">{RECOMMENDATION_REASON[value]}</Text>
      </Popover.Dropdown>
    </Popover>
  );
}
