import { showControls } from '../common/LedgerText';

/** What an item is about, for headings and labels: a right of an identity, or an account itself. */
export interface ItemSubject {
  identity: { name: string } | null;
  permission: { name: string } | null;
  account?: { login: string } | null;
}

/** The reviewed identity, or "No owner" for an orphan account. */
export const ownerName = (s: ItemSubject) => s.identity?.name ?? 'No owner';

/** The permission, or for an account item the account itself. */
export const accessName = (s: ItemSubject) =>
  s.permission?.name ?? `Account ${s.account?.login ?? ''}`.trim();

/** For labels and titles, which take a string: see LedgerText. */
export const subjectLabel = (s: ItemSubject) => showControls(`${ownerName(s)} · ${accessName(s)}`);
