/**
 * What the development sign-in says when a key names nobody it can sign in; the sign-in page shows it,
 * and `npm run token` prints it as it is.
 */
export const notAnActiveIdentity = (key: string) =>
  `${key} is not an active identity of the ledger: load the demo organisation or import a ledger ` +
  `(README, 'Your own ledger')`;
