import { ActionIcon, Badge, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { forwardRef, useState } from 'react';
import { LedgerText } from '../common/LedgerText';
import {
  DECIDABLE,
  DECISION_COLOR,
  decisionLabel,
  effectiveDecision,
  STATUS_COLOR,
  STATUS_LABEL,
} from './decisions';
import { ForwardNote } from './ForwardNote';
import { ItemFlags } from './ItemFlags';
import { ForwardPicker } from './ForwardPicker';
import { formatDate } from './format';
import type { Decision, ReviewItem } from './queries';
import { accessName, ownerName, subjectLabel } from './subject';
import { UpdatePicker } from './UpdatePicker';

export interface ItemRowProps {
  item: ReviewItem;
  index: number;
  active: boolean;
  selected: boolean;
  open: boolean;
  selfDelegation: boolean;
  error?: string;
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

/**
 * The comment box's text: the draft's comment, else the confirmed one, until the reviewer types; with
 * the saved text, to tell whether it changed.
 */
export function useItemComment(item: ReviewItem) {
  const savedComment = item.draft ? (item.draft.comment ?? '') : (item.comment ?? '');
  const [comment, setComment] = useState(savedComment);
  // A newly saved comment (this page's, or another device's) replaces what the box shows, during render.
  const [shown, setShown] = useState(savedComment);
  if (shown !== savedComment) {
    setShown(savedComment);
    setComment(savedComment);
  }
  return [comment, setComment, savedComment] as const;
}

/** One item: who, what, the recommendation and flags, the decision (confirmed or draft), the comment. */
export const ItemRow = forwardRef<HTMLTableRowElement, ItemRowProps>(function ItemRow(p, ref) {
  const { item } = p;
  const current = effectiveDecision(item);
  const decidable = p.open && DECIDABLE.includes(item.status);
  const [comment, setComment, savedComment] = useItemComment(item);
  const who = subjectLabel(item);
  const decide = (d: Decision) => (
    <Button
      size="compact-xs"
      variant={current === d ? 'filled' : 'default'}
      color={DECISION_COLOR[d]}
      aria-pressed={current === d}
      disabled={!decidable}
      onClick={() => p.onDecide(d, { comment })}
    >
      {decisionLabel(d, item.kind)}
    </Button>
  );
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
          aria-label={`Select ${who}`}
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
          {item.draft && (
            <Badge size="sm" variant="outline" color="grape">
              Draft: {decisionLabel(item.draft.decision, item.kind)}
              {item.draft.endDate ? ` until ${formatDate(item.draft.endDate)}` : ''}
              {item.draft.forwardTo && (
                <>
                  {' to '}
                  <LedgerText>{item.draft.forwardTo}</LedgerText>
                </>
              )}
            </Badge>
          )}
          <ForwardNote item={item} />
        </Stack>
      </td>
      <td>
        <Stack gap={4}>
          <Group gap={4} wrap="nowrap">
            {decide('approve')}
            {decide('revoke')}
            <UpdatePicker
              active={current === 'update'}
              disabled={!decidable}
              onUpdate={(endDate) => p.onDecide('update', { comment, endDate })}
            />
            <ForwardPicker
              active={current === 'forward'}
              disabled={!decidable}
              selfDelegation={p.selfDelegation}
              onForward={(forwardTo, forwardReason) =>
                p.onDecide('forward', { comment, forwardTo, forwardReason })
              }
            />
            <ActionIcon variant="subtle" aria-label={`History of ${who}`} onClick={p.onHistory}>
              <IconHistory size={16} aria-hidden />
            </ActionIcon>
          </Group>
          <TextInput
            size="xs"
            aria-label={`Comment on ${who}`}
            placeholder="Comment"
            value={comment}
            disabled={!decidable}
            onChange={(e) => setComment(e.currentTarget.value)}
            onBlur={() => item.draft && comment !== savedComment && p.onComment(comment)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              e.stopPropagation();
            }}
          />
          {p.error && (
            <Text size="xs" c="red" role="alert">
              {p.error}
            </Text>
          )}
        </Stack>
      </td>
    </tr>
  );
});
