import type { ItemFilter } from '../queries';

export const ITEM_FILTER_KEYS = ['reviewer', 'status', 'decidedBy', 'application', 'q'] as const;

const STATUSES: ItemFilter['status'][] = [
  'to_be_reviewed',
  'reassign',
  'ok',
  'revoke',
  'update',
  'not_reviewed',
];
const DECIDERS: ItemFilter['decidedBy'][] = ['reviewer', 'due-date'];

/** The items tab's filters from the address; words the API would refuse are left out. */
export function itemFilterOf(params: URLSearchParams): ItemFilter {
  const text = (key: string) => params.get(key)?.trim().slice(0, 200) || undefined;
  const status = STATUSES.find((s) => s === params.get('status'));
  const decidedBy = DECIDERS.find((d) => d === params.get('decidedBy'));
  return {
    ...(text('reviewer') && { reviewer: text('reviewer') }),
    ...(status && { status }),
    ...(decidedBy && { decidedBy }),
    ...(text('application') && { application: text('application') }),
    ...(text('q') && { q: text('q') }),
  };
}

/** The address of a campaign's items tab, filtered. */
export const itemsTabPath = (campaignId: string, filter: ItemFilter = {}): string => {
  const params = new URLSearchParams({ tab: 'items' });
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return `/campaigns/${campaignId}?${params.toString()}`;
};
