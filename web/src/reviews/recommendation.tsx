import { Text, Tooltip } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import type { ReviewItem } from './queries';

/** Seed 000's explanations of the recommendation icons. */
export const RECOMMENDATION_TEXT: Record<ReviewItem['recommendation'], string> = {
  recommended:
    'Recommended: the entitlement was granted automatically according to the security policy. You can approve it because it is compliant.',
  not_recommended:
    'Not recommended: the entitlement does not comply with the security policy. Refuse it, unless the person really needs it.',
  none: 'No recommendation: the entitlement was granted or denied manually, outside the security policy. Review it carefully.',
};

export function RecommendationIcon({ value }: { value: ReviewItem['recommendation'] }) {
  const label = RECOMMENDATION_TEXT[value];
  return (
    <Tooltip label={label} multiline w={320} withArrow>
      <span role="img" aria-label={label} tabIndex={0} style={{ display: 'inline-flex' }}>
        {value === 'recommended' && (
          <IconThumbUp size={18} color="var(--mantine-color-green-8)" aria-hidden />
        )}
        {value === 'not_recommended' && (
          <IconThumbDown size={18} color="var(--mantine-color-red-8)" aria-hidden />
        )}
        {value === 'none' && (
          <Text span size="xs" c="dimmed" aria-hidden>
            manual
          </Text>
        )}
      </span>
    </Tooltip>
  );
}
