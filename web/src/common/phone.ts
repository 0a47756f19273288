import { useMediaQuery } from '@mantine/hooks';

/**
 * Below this width the pages take a phone's layout: the reviewer's items as cards, the header's links
 * behind a menu button. Narrower than Mantine's `sm` (768 px): a tablet held upright keeps the table.
 */
export const PHONE_QUERY = '(max-width: 700px)';

/**
 * On a phone a wide table scrolls inside its own box (phone.css): a tab stop lets a keyboard user scroll
 * it too. Spread on the table; nothing on a wider screen, where tables do not scroll.
 */
export function usePhoneScrollStop(): { tabIndex?: number } {
  return useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false }) ? { tabIndex: 0 } : {};
}
