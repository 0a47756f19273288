import { api, ok } from '../api/client';
import { showControls } from '../common/LedgerText';
import { useLookup } from '../common/useLookup';

/** The server looks people up from this many characters on: fewer would list the whole ledger. */
export const PEOPLE_MIN_QUERY = 3;
/** The most people one search answers. */
const PEOPLE_LIMIT = 10;
/** Said instead of searching while fewer characters are typed. */
export const PEOPLE_HINT = `Type ${PEOPLE_MIN_QUERY} letters of a name or key to search`;

const findPeople = (q: string) =>
  ok(api.GET('/api/v1/people', { params: { query: { q, limit: PEOPLE_LIMIT } } }));

type Person = Awaited<ReturnType<typeof findPeople>>[number];

/** Name and key; the department too for administrators, the only ones the server tells it. */
const personLabel = (p: Person) =>
  showControls(`${p.displayName} (${p.key})${p.department ? ` · ${p.department}` : ''}`);

/** The people matching `q` (name, key or e-mail), each with the label every picker shows them by. */
export const searchPeople = async (q: string): Promise<{ key: string; label: string }[]> =>
  (await findPeople(q)).map((p) => ({ key: p.key, label: personLabel(p) }));

/**
 * The people matching what is typed, as picker options, once it is long enough to be searched; `hint`
 * while it is started but too short.
 */
export function usePeopleSearch(text: string, enabled = true) {
  const { found, tooShort } = useLookup({
    key: ['people'],
    text,
    search: searchPeople,
    minLength: PEOPLE_MIN_QUERY,
    enabled,
  });
  return { options: found.data ?? [], hint: tooShort ? PEOPLE_HINT : undefined };
}
