import { useState } from 'react';
import { DECIDABLE } from './decisions';
import type { ReviewItem } from './queries';

/** The items the reviewer ticked, for a bulk decision; only items still open to a decision can be. */
export function useSelection(visible: ReviewItem[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const selectable = visible.filter((i) => DECIDABLE.includes(i.status));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return {
    selected,
    toggle,
    clear: () => setSelected(new Set()),
    allSelected: selectable.length > 0 && selectable.every((i) => selected.has(i.id)),
    someSelected: selectable.some((i) => selected.has(i.id)),
    selectAll: (on: boolean) => setSelected(on ? new Set(selectable.map((i) => i.id)) : new Set()),
  };
}

export type Selection = ReturnType<typeof useSelection>;
