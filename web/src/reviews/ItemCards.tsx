import { ActionIcon, Badge, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { LedgerText } from '../common/LedgerText';
import { STATUS_COLOR, STATUS_LABEL } from './decisions';
import { ForwardNote } from './ForwardNote';
import { CommentInput, DecisionButtons, DraftBadge, ItemError, useItemState } from './ItemControls';
import { ItemFlags, WRAPPING_BADGE } from './ItemFlags';
import type { ItemRowProps } from './ItemRow';
import { accessName, ownerName } from './subject';
import { inView, SelectAllItems, type VirtualItemListProps } from './VirtualItems';
import './review-table.css';

/** A finger's worth: WCAG's target size (2.5.5) asks 44 px. */
const TOUCH = 48;

/**
 * The items as cards, for a phone: who, what, the evidence, and the four decisions as full-width buttons.
 * Only the cards in view are rendered, in their own scrolling box, as the table does; the page's keyboard
 * shortcuts find a card by the same data attributes as a row.
 */
export function ItemCards({ scrollRef, virtualizer, ...p }: VirtualItemListProps) {
  const { shown: cards, padTop, padBottom } = inView(virtualizer);
  return (
    <Stack gap="xs">
      <SelectAllItems p={p} label="Select all items matching the filter" />
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
  const s = useItemState(p);
  return (
    <div
      ref={ref}
      role="listitem"
      data-index={p.index}
      data-item-id={item.id}
      aria-label={s.who}
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
              aria-label={`Select ${s.who}`}
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
            <DraftBadge item={item} size="md" styles={WRAPPING_BADGE} />
          </Group>
          <ForwardNote item={item} />
          <DecisionButtons p={p} s={s} fullWidth />
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <CommentInput p={p} s={s} size="md" style={{ flex: 1 }} />
            <ActionIcon
              variant="default"
              size={TOUCH}
              aria-label={`History of ${s.who}`}
              onClick={p.onHistory}
            >
              <IconHistory size={20} aria-hidden />
            </ActionIcon>
          </Group>
          <ItemError error={p.error} size="sm" />
        </Stack>
      </Paper>
    </div>
  );
});
