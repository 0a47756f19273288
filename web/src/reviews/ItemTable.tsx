import { ItemRow } from './ItemRow';
import { inView, SelectAllItems, type VirtualItemListProps } from './VirtualItems';
import './review-table.css';

/** The items as a table, only the rows in view rendered (a campaign can give one reviewer thousands). */
export function ItemTable({ scrollRef, virtualizer, ...p }: VirtualItemListProps) {
  const { shown: rows, padTop, padBottom } = inView(virtualizer);
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
              <SelectAllItems p={p} aria-label="Select all items matching the filter" />
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
