import type { ReviewItem } from './queries';
import { accessName, ownerName } from './subject';

export interface ItemFilters {
  text: string;
  status: ReviewItem['status'] | 'drafts' | null;
  application: string | null;
  recommendation: ReviewItem['recommendation'] | null;
  mover: boolean;
  inactive: boolean;
}

const STATUSES: ItemFilters['status'][] = [
  'to_be_reviewed',
  'ok',
  'revoke',
  'update',
  'reassign',
  'not_reviewed',
  'drafts',
];
const RECOMMENDATIONS: ItemFilters['recommendation'][] = ['recommended', 'not_recommended', 'none'];

const oneOf = <T>(allowed: T[], value: string | null): T | null => allowed.find((a) => a === value) ?? null;

/**
 * The filters as the address keeps them (`?q=…&status=…&application=…&recommendation=…&mover=1&inactive=1`),
 * so a reload or a shared link shows the same rows; unknown values are ignored.
 */
export function filtersFromParams(params: URLSearchParams): ItemFilters {
  return {
    text: params.get('q') ?? '',
    status: oneOf(STATUSES, params.get('status')),
    application: params.get('application') || null,
    recommendation: oneOf(RECOMMENDATIONS, params.get('recommendation')),
    mover: params.get('mover') === '1',
    inactive: params.get('inactive') === '1',
  };
}

export function filtersToParams(f: ItemFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.text) params.set('q', f.text);
  if (f.status) params.set('status', f.status);
  if (f.application) params.set('application', f.application);
  if (f.recommendation) params.set('recommendation', f.recommendation);
  if (f.mover) params.set('mover', '1');
  if (f.inactive) params.set('inactive', '1');
  return params;
}

const haystack = (i: ReviewItem) =>
  [
    ownerName(i),
    i.identity?.key,
    i.identity?.department,
    i.identity?.jobTitle,
    i.application.name,
    accessName(i),
    i.account?.login,
    i.comment,
    i.draft?.comment,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

export function applyFilters(items: ReviewItem[], f: ItemFilters): ReviewItem[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter(
    (i) =>
      (!f.status || (f.status === 'drafts' ? i.draft !== null : i.status === f.status)) &&
      (!f.application || i.application.key === f.application) &&
      (!f.recommendation || i.recommendation === f.recommendation) &&
      (!f.mover || i.mover) &&
      (!f.inactive || i.inactive) &&
      (words.length === 0 || words.every((w) => haystack(i).includes(w))),
  );
}
