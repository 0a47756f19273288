import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { forwardRef, type RefObject } from 'react';
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
import { ForwardPicker } from './ForwardPicker';
import { formatDate } from './format';
import { ItemFlags, WRAPPING_BADGE } from './ItemFlags';
import { useItemComment, type ItemRowProps } from './ItemRow';
import type { ItemListProps } from './ItemTable';
import type { Decision } from './queries';
import { accessName, ownerName, subjectLabel } from './subject';
import { UpdatePicker } from './UpdatePicker';
import './review-table.css';

/** A finger's worth: WCAG's target size (2.5.5) asks 44 px. */
const TOUCH = 48;

/**
 * The items as cards, for a phone: who, what, the evidence, and the four decisions as full-width buttons.
 * Only the cards in view are rendered, in their own scrolling box, as the table does; the page's keyboard
 * shortcuts find a card by the same data attributes as a row.
 */
export function ItemCards({
  scrollRef,
  virtualizer,
  ...p
}: ItemListProps & {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}) {
  const cards = virtualizer.getVirtualItems();
  const padTop = cards[0]?.start ?? 0;
  const padBottom = cards.length > 0 ? virtualizer.getTotalSize() - cards[cards.length - 1].end : 0;
  return (
    <Stack gap="xs">
      <Checkbox
        label="Select all items matching the filter"
        checked={p.allSelected}
        indeterminate={!p.allSelected && p.someSelected}
        onChange={(e) => p.onSelectAll(e.currentTarget.checked)}
      />
      <div
        ref={scrollRef}
        role="list"
        aria-label="Items to review"
        style={{ height: 'calc(100dvh - 72px)', minHeight: 320, overflowY: 'auto', overflowX: 'hidden' }}
      >
        <div aria-hidden style={{ height: padTop }} />
        {cards.map((card) => {
          const item = p.items[card.index];
          return (
            <ItemCard key={item.id} ref={virtualizer.measureElement} {...p.rowProps(item, card.index)} />
          );
        })}
        <div aria-hidden style={{ height: padBottom }} />
      </div>
    </Stack>
  );
}

/** One item as a card: the same state and handlers as a table row. */
const ItemCard = forwardRef<HTMLDivElement, ItemRowProps>(function ItemCard(p, ref) {
  const { item } = p;
  const current = effectiveDecision(item);
  const decidable = p.open && DECIDABLE.includes(item.status);
  const [comment, setComment, savedComment] = useItemComment(item);
  const who = subjectLabel(item);
  const decide = (d: Decision) => (
    <Button
      fullWidth
      size="md"
      mih={TOUCH}
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
    <div
      ref={ref}
      role="listitem"
      data-index={p.index}
      data-item-id={item.id}
      aria-label={who}
      aria-current={p.active || undefined}
      tabIndex={p.active ? 0 : -1}
      onFocus={p.onActivate}
      className="review-card"
      style={{ paddingBottom: 8 }}
    >
      <Paper withBorder p="sm" bg={p.active ? 'var(--mantine-color-blue-0)' : undefined}>
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                <LedgerText>{ownerName(item)}</LedgerText>
              </Text>
              {item.identity ? (
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  <LedgerText>
                    {[item.identity.department, item.identity.jobTitle].filter(Boolean).join(' · ') ||
                      item.identity.key}
                  </LedgerText>
                </Text>
              ) : (
                <Badge size="sm" color="red" variant="light" styles={WRAPPING_BADGE}>
                  orphan account
                </Badge>
              )}
            </div>
            <Checkbox
              aria-label={`Select ${who}`}
              checked={p.selected}
              onChange={(e) => p.onSelect(e.currentTarget.checked)}
              size="md"
              p={8}
            />
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <LedgerText>{item.application.name}</LedgerText>
            {' · '}
            <LedgerText>{accessName(item)}</LedgerText>
            {item.permission && item.account && (
              <>
                {' · account '}
                <LedgerText>{item.account.login}</LedgerText>
              </>
            )}
          </Text>
          <ItemFlags item={item} wrap />
          {item.mover && item.moverReason && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Mover: <LedgerText>{item.moverReason}</LedgerText>
            </Text>
          )}
          <Group gap={4}>
            <Badge size="md" variant="light" color={STATUS_COLOR[item.status]} styles={WRAPPING_BADGE}>
              {STATUS_LABEL[item.status]}
            </Badge>
            {item.draft && (
              <Badge size="md" variant="outline" color="grape" styles={WRAPPING_BADGE}>
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
          </Group>
          <ForwardNote item={item} />
          {decide('approve')}
          {decide('revoke')}
          <UpdatePicker
            fullWidth
            active={current === 'update'}
            disabled={!decidable}
            onUpdate={(endDate) => p.onDecide('update', { comment, endDate })}
          />
          <ForwardPicker
            fullWidth
            active={current === 'forward'}
            disabled={!decidable}
            selfDelegation={p.selfDelegation}
            onForward={(forwardTo, forwardReason) =>
              p.onDecide('forward', { comment, forwardTo, forwardReason })
            }
          />
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              style={{ flex: 1 }}
              size="md"
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
            <ActionIcon variant="default" size={TOUCH} aria-label={`History of ${who}`} onClick={p.onHistory}>
              <IconHistory size={20} aria-hidden />
            </ActionIcon>
          </Group>
          {p.error && (
            <Text size="sm" c="red" role="alert">
              {p.error}
            </Text>
          )}
        </Stack>
      </Paper>
    </div>
  );
});
