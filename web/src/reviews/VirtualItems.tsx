import { Checkbox, type CheckboxProps } from '@mantine/core';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import type { ItemRowProps } from './ItemRow';
import type { ReviewItem } from './queries';

export interface ItemListProps {
  items: ReviewItem[];
  /** Everything a row (or a card) needs about one item: the page's state and handlers. */
  rowProps: (item: ReviewItem, index: number) => ItemRowProps;
  kind: 'right' | 'account';
  allSelected: boolean;
  someSelected: boolean;
  onSelectAll: (on: boolean) => void;
}

/** The items with the box they scroll in: only those in view are rendered (a reviewer can have thousands). */
export type VirtualItemListProps = ItemListProps & {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
};

/** The items in view, and the heights that stand for those above and below them. */
export function inView(virtualizer: Virtualizer<HTMLDivElement, Element>) {
  const shown = virtualizer.getVirtualItems();
  return {
    shown,
    padTop: shown[0]?.start ?? 0,
    padBottom: shown.length > 0 ? virtualizer.getTotalSize() - shown[shown.length - 1].end : 0,
  };
}

/** Selects every item the filter matches, not only those rendered. */
export function SelectAllItems({
  p,
  ...checkbox
}: { p: ItemListProps } & Pick<CheckboxProps, 'label' | 'aria-label'>) {
  return (
    <Checkbox
      {...checkbox}
      checked={p.allSelected}
      indeterminate={!p.allSelected && p.someSelected}
      onChange={(e) => p.onSelectAll(e.currentTarget.checked)}
    />
  );
}
