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

export const NO_FILTERS: ItemFilters = {
  text: '',
  status: null,
  application: null,
  recommendation: null,
  mover: false,
  inactive: false,
};

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
