import { Checkbox } from '@mantine/core';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { ItemRow, type ItemRowProps } from './ItemRow';
import type { ReviewItem } from './queries';
import './review-table.css';

export interface ItemListProps {
  items: ReviewItem[];
  /** Everything a row (or a card) needs about one item: the page's state and handlers. */
  rowProps: (item: ReviewItem, index: number) => ItemRowProps;
  kind: 'right' | 'account';
  allSelected: boolean;
  someSelected: boolean;
  onSelectAll: (on: boolean) => void;
}

/** The items as a table, only the rows in view rendered (a campaign can give one reviewer thousands). */
export function ItemTable({
  scrollRef,
  virtualizer,
  ...p
}: ItemListProps & {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}) {
  const rows = virtualizer.getVirtualItems();
  const padTop = rows[0]?.start ?? 0;
  const padBottom = rows.length > 0 ? virtualizer.getTotalSize() - rows[rows.length - 1].end : 0;
  return (
    <div ref={scrollRef} style={{ height: 'calc(100vh - 330px)', minHeight: 320, overflow: 'auto' }}>
      <table
        aria-label="Items to review"
        aria-rowcount={p.items.length + 1}
        style={{ width: '100%', borderCollapse: 'collapse' }}
        className="review-table"
      >
        <thead style={{ position: 'sticky', top: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>
          <tr>
            <th>
              <Checkbox
                aria-label="Select all items matching the filter"
                checked={p.allSelected}
                indeterminate={!p.allSelected && p.someSelected}
                onChange={(e) => p.onSelectAll(e.currentTarget.checked)}
              />
            </th>
            <th>Identity</th>
            <th>Application</th>
            <th>{p.kind === 'account' ? 'Account' : 'Permission'}</th>
            <th>Flags</th>
            <th>Decision</th>
            <th>Decide and comment</th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={7} />
            </tr>
          )}
          {rows.map((row) => {
            const item = p.items[row.index];
            return (
              <ItemRow key={item.id} ref={virtualizer.measureElement} {...p.rowProps(item, row.index)} />
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={7} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
