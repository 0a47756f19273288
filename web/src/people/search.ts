import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { showControls } from '../common/LedgerText';

/** The server looks people up from this many characters on: fewer would list the whole ledger. */
export const PEOPLE_MIN_QUERY = 3;
/** The most people one search answers. */
const PEOPLE_LIMIT = 10;
/** Said instead of searching while fewer characters are typed. */
export const PEOPLE_HINT = `Type ${PEOPLE_MIN_QUERY} letters of a name or key to search`;

export const findPeople = (q: string) =>
  ok(api.GET('/api/v1/people', { params: { query: { q, limit: PEOPLE_LIMIT } } }));

type Person = Awaited<ReturnType<typeof findPeople>>[number];

/** Name and key; the department too for administrators, the only ones the server tells it. */
export const personLabel = (p: Person) =>
  showControls(`${p.displayName} (${p.key})${p.department ? ` · ${p.department}` : ''}`);

/**
 * The people matching what is typed, as picker options, once it is long enough to be searched; `hint`
 * while it is started but too short.
 */
export function usePeopleSearch(text: string, enabled = true) {
  const [query] = useDebouncedValue(text.trim(), 200);
  const people = useQuery({
    queryKey: ['people', query],
    queryFn: () => findPeople(query),
    enabled: enabled && query.length >= PEOPLE_MIN_QUERY,
  });
  const typed = text.trim().length;
  return {
    options: (people.data ?? []).map((p) => ({ key: p.key, label: personLabel(p) })),
    hint: typed > 0 && typed < PEOPLE_MIN_QUERY ? PEOPLE_HINT : undefined,
  };
}
