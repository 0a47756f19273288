import { Badge, Group, Tooltip } from '@mantine/core';
import { showControls } from '../common/LedgerText';
import { formatDate } from '../common/format';
import type { ReviewItem } from './queries';
import { RecommendationIcon } from './recommendation';

/** A badge cuts its text at its width ("REVO…"); on a narrow card it wraps onto two lines instead. */
export const WRAPPING_BADGE = {
  root: { height: 'auto', maxWidth: '100%' },
  label: { whiteSpace: 'normal' as const, overflow: 'visible' },
};

/**
 * The evidence on an item: its recommendation, and the flags that make it unusual (mover, inactive
 * account, privileged or critical permission). `wrap` for the phone's cards, where badges may take two
 * lines rather than be cut.
 */
export function ItemFlags({ item, wrap }: { item: ReviewItem; wrap?: boolean }) {
  const wrapping = wrap ? WRAPPING_BADGE : undefined;
  return (
    <Group gap={4}>
      <RecommendationIcon value={item.recommendation} />
      {item.mover && (
        <Tooltip
          label={showControls(item.moverReason ?? 'The owner changed since the last approval')}
          multiline
          w={280}
        >
          <Badge size="xs" color="grape" tabIndex={0} styles={wrapping}>
            mover
          </Badge>
        </Tooltip>
      )}
      {item.inactive && (
        <Tooltip label={`Inactive account: last login ${formatDate(item.lastLoginAt)}`}>
          <Badge size="xs" color="gray" tabIndex={0} styles={wrapping}>
            inactive account
          </Badge>
        </Tooltip>
      )}
      {item.critical && (
        <Badge size="xs" color="red.9" styles={wrapping}>
          privileged
        </Badge>
      )}
    </Group>
  );
}
