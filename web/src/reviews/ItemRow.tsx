import { ActionIcon, Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { forwardRef, type Ref } from 'react';
import { LedgerText } from '../common/LedgerText';
import { STATUS_COLOR, STATUS_LABEL } from './decisions';
import { CommentInput, DecisionButtons, DraftBadge, ItemError, useItemState } from './ItemControls';
import { ForwardNote } from './ForwardNote';
import { ItemFlags } from './ItemFlags';
import type { Decision, ReviewItem } from './queries';
import type { CommentBox } from './useCommentBoxes';
import { accessName, ownerName } from './subject';

export interface ItemRowProps {
  item: ReviewItem;
  index: number;
  active: boolean;
  selected: boolean;
  open: boolean;
  selfDelegation: boolean;
  error?: string;
  /** The comment box as the page's shortcuts reach it. */
  commentBox?: Ref<CommentBox>;
  onSelect: (selected: boolean) => void;
  onActivate: () => void;
  /** With the comment as typed in the row, saved or not. */
  onDecide: (
    decision: Decision,
    details: { comment: string; endDate?: string; forwardTo?: string; forwardReason?: string | null },
  ) => void;
  onComment: (comment: string) => void;
  onHistory: () => void;
}

/** One item: who, what, the recommendation and flags, the decision (confirmed or draft), the comment. */
export const ItemRow = forwardRef<HTMLTableRowElement, ItemRowProps>(function ItemRow(p, ref) {
  const { item } = p;
  const s = useItemState(p);
  return (
    <tr
      ref={ref}
      data-index={p.index}
      data-item-id={item.id}
      aria-selected={p.active}
      tabIndex={p.active ? 0 : -1}
      onFocus={p.onActivate}
      style={{ background: p.active ? 'var(--mantine-color-blue-0)' : undefined, verticalAlign: 'top' }}
    >
      <td>
        <Checkbox
          aria-label={`Select ${s.who}`}
          checked={p.selected}
          onChange={(e) => p.onSelect(e.currentTarget.checked)}
        />
      </td>
      <td>
        <Text size="sm" fw={600}>
          <LedgerText>{ownerName(item)}</LedgerText>
        </Text>
        {item.identity ? (
          <Text size="xs" c="dimmed">
            {[item.identity.department, item.identity.jobTitle].some(Boolean) ? (
              <>
                <LedgerText>{item.identity.department}</LedgerText>
                {item.identity.department && item.identity.jobTitle && ' · '}
                <LedgerText>{item.identity.jobTitle}</LedgerText>
              </>
            ) : (
              <LedgerText>{item.identity.key}</LedgerText>
            )}
          </Text>
        ) : (
          <Badge size="xs" color="red" variant="light">
            orphan account
          </Badge>
        )}
      </td>
      <td>
        <Text size="sm">
          <LedgerText>{item.application.name}</LedgerText>
        </Text>
      </td>
      <td>
        <Text size="sm">
          <LedgerText>{accessName(item)}</LedgerText>
        </Text>
        {item.permission && item.account && (
          <Text size="xs" c="dimmed">
            account <LedgerText>{item.account.login}</LedgerText>
          </Text>
        )}
      </td>
      <td>
        <ItemFlags item={item} />
      </td>
      <td>
        <Stack gap={2}>
          <Badge size="sm" variant="light" color={STATUS_COLOR[item.status]}>
            {STATUS_LABEL[item.status]}
          </Badge>
          <DraftBadge item={item} size="sm" />
          <ForwardNote item={item} />
        </Stack>
      </td>
      <td>
        <Stack gap={4}>
          <Group gap={4} wrap="nowrap">
            <DecisionButtons p={p} s={s} />
            <ActionIcon variant="subtle" aria-label={`History of ${s.who}`} onClick={p.onHistory}>
              <IconHistory size={16} aria-hidden />
            </ActionIcon>
          </Group>
          <CommentInput p={p} s={s} size="xs" />
          <ItemError error={p.error} size="xs" />
        </Stack>
      </td>
    </tr>
  );
});
