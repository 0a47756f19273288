import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { applyFilters, filtersFromParams, filtersToParams, type ItemFilters } from './filters';
import type { ReviewItem } from './queries';

/** The reviewer's filters and the items they let through, kept in the address as well. */
export function useItemFilters(items: ReviewItem[]) {
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<ItemFilters>(() => filtersFromParams(params));
  /** The value is read from the event before it is stored: an updater runs after React let go of the event. */
  const setFilter = <K extends keyof ItemFilters>(key: K, value: ItemFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const visible = useMemo(() => applyFilters(items, filters), [items, filters]);

  // Replaced, not pushed (typing must not fill the history), so a reload or a shared link shows the same rows.
  useEffect(() => {
    const next = filtersToParams(filters);
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [filters, params, setParams]);

  return { filters, setFilter, visible };
}

export type SetFilter = ReturnType<typeof useItemFilters>['setFilter'];
