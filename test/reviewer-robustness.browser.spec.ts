import type { Browser, Page } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  doesNotSee,
  isFocused,
  noSeriousViolations,
  PHONE,
  sees,
  startInChromium,
} from './support/browser';
import { eventually } from './support/harness';
import { inDays } from './support/ledger-fixture';

/**
 * Rita's team: four people with first and last names to search for, three applications, two critical
 * permissions, two accounts unused for two years (inactive at launch).
 */
const ledger = {
  identities: [
    { key: 'boss', displayName: 'Bea Boss', managerKey: 'boss' },
    { key: 'rev', displayName: 'Rita Reviewer', managerKey: 'boss' },
    { key: 'ada', displayName: 'Ada Lovelace', managerKey: 'rev', department: 'Finance' },
    { key: 'grace', displayName: 'Grace Hopper', managerKey: 'rev', department: 'Sales' },
    { key: 'alan', displayName: 'Alan Turing', managerKey: 'rev', department: 'Finance' },
    { key: 'kath', displayName: 'Katherine Johnson', managerKey: 'rev', department: 'Support' },
    { key: 'outsider', displayName: 'Otto Outsider', managerKey: 'boss' },
    { key: 'dflt', displayName: 'Default Reviewer' },
  ],
  applications: [
    { key: 'sfdc', name: 'Salesforce' },
    { key: 'ns', name: 'NetSuite' },
    { key: 'wd', name: 'Workday' },
  ],
  permissions: [
    { key: 'sfdc-user', applicationKey: 'sfdc', name: 'Sales User' },
    { key: 'sfdc-super', applicationKey: 'sfdc', name: 'Salesforce Superuser', critical: true },
    { key: 'ns-ap', applicationKey: 'ns', name: 'Payables Clerk' },
    { key: 'ns-gl', applicationKey: 'ns', name: 'General Ledger Posting', critical: true },
    { key: 'wd-ess', applicationKey: 'wd', name: 'Employee Self Service' },
  ],
  accounts: [
    {
      key: 'ns-ada',
      applicationKey: 'ns',
      login: 'alovelace',
      ownerKey: 'ada',
      lastLoginAt: '2024-11-01T08:00:00Z',
    },
    {
      key: 'ns-alan',
      applicationKey: 'ns',
      login: 'aturing',
      ownerKey: 'alan',
      lastLoginAt: '2024-11-01T08:00:00Z',
    },
    {
      key: 'sfdc-grace',
      applicationKey: 'sfdc',
      login: 'ghopper',
      ownerKey: 'grace',
      lastLoginAt: inDays(-2),
    },
  ],
  assignments: [
    { key: 'a-ada-sales', identityKey: 'ada', permissionKey: 'sfdc-user' },
    { key: 'a-ada-ap', identityKey: 'ada', permissionKey: 'ns-ap', accountKey: 'ns-ada' },
    { key: 'a-ada-ess', identityKey: 'ada', permissionKey: 'wd-ess' },
    {
      key: 'a-grace-super',
      identityKey: 'grace',
      permissionKey: 'sfdc-super',
      accountKey: 'sfdc-grace',
      origin: 'policy',
      compliance: 'compliant',
    },
    {
      key: 'a-grace-ess',
      identityKey: 'grace',
      permissionKey: 'wd-ess',
      origin: 'policy',
      compliance: 'compliant',
    },
    { key: 'a-alan-gl', identityKey: 'alan', permissionKey: 'ns-gl', accountKey: 'ns-alan' },
    {
      key: 'a-alan-sales',
      identityKey: 'alan',
      permissionKey: 'sfdc-user',
      origin: 'policy',
      compliance: 'compliant',
    },
    {
      key: 'a-kath-ess',
      identityKey: 'kath',
      permissionKey: 'wd-ess',
      origin: 'policy',
      compliance: 'compliant',
    },
    { key: 'a-kath-ap', identityKey: 'kath', permissionKey: 'ns-ap' },
  ],
};

/** Movers need an approval in an earlier campaign and a change since: set as the launch would have. */
const MOVERS = ['a-ada-sales', 'a-alan-gl', 'a-kath-ess', 'a-kath-ap'];

interface Expected {
  who: string;
  what: string;
  app: string;
  department: string;
  mover: boolean;
  inactive: boolean;
}
const ITEMS: Expected[] = [
  ['Ada Lovelace', 'Sales User', 'Salesforce', 'Finance', 'a-ada-sales'],
  ['Ada Lovelace', 'Payables Clerk', 'NetSuite', 'Finance', 'a-ada-ap'],
  ['Ada Lovelace', 'Employee Self Service', 'Workday', 'Finance', 'a-ada-ess'],
  ['Grace Hopper', 'Salesforce Superuser', 'Salesforce', 'Sales', 'a-grace-super'],
  ['Grace Hopper', 'Employee Self Service', 'Workday', 'Sales', 'a-grace-ess'],
  ['Alan Turing', 'General Ledger Posting', 'NetSuite', 'Finance', 'a-alan-gl'],
  ['Alan Turing', 'Sales User', 'Salesforce', 'Finance', 'a-alan-sales'],
  ['Katherine Johnson', 'Employee Self Service', 'Workday', 'Support', 'a-kath-ess'],
  ['Katherine Johnson', 'Payables Clerk', 'NetSuite', 'Support', 'a-kath-ap'],
].map(([who, what, app, department, key]) => ({
  who,
  what,
  app,
  department,
  mover: MOVERS.includes(key),
  inactive: key === 'a-ada-ap' || key === 'a-alan-gl',
}));

/** The rows the page should show for a search and the two checkboxes, as "Name · Permission". */
function expectedRows(text: string, mover: boolean, inactive: boolean): string[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return ITEMS.filter(
    (i) =>
      (!mover || i.mover) &&
      (!inactive || i.inactive) &&
      words.every((w) => `${i.who} ${i.what} ${i.app} ${i.department}`.toLowerCase().includes(w)),
  )
    .map((i) => `${i.who} · ${i.what}`)
    .sort();
}

/** The rows shown, as "Name · Permission" (from each row's selection checkbox). */
async function shownRows(page: Page): Promise<string[]> {
  const labels = await page
    .getByRole('table', { name: 'Items to review' })
    .locator('tbody input[aria-label^="Select "]')
    .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/^Select /, '')).sort();
}

/** The page still stands (header, heading, table) and shows exactly `rows`. */
async function showsExactly(page: Page, rows: string[], what: string): Promise<void> {
  await eventually(
    async () => {
      const shown = await shownRows(page);
      return JSON.stringify(shown) === JSON.stringify(rows) ? true : undefined;
    },
    10_000,
    `${what}: rows ${rows.join(', ')} (shown: ${(await shownRows(page)).join(', ')})`,
  );
  expect(await page.getByRole('link', { name: 'My reviews', exact: true }).count()).toBeGreaterThan(0);
  await sees(page.getByText(/items shown$/), `${rows.length} of ${ITEMS.length} items shown`);
}

/** Saves a draft as the signed-in reviewer's page would (with the session's CSRF token). */
function putDraft(page: Page, itemId: string, draft: object): Promise<number> {
  return page.evaluate(
    async ({ id, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { session: { csrfToken: string } };
      const res = await fetch(`/api/v1/reviews/${id}/draft`, {
        method: 'PUT',
        headers: { 'x-csrf-token': me.session.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    { id: itemId, body: draft },
  );
}

const DESKTOP = { width: 1440, height: 900 };

/**
 * Issue 29, points 1, 2, 4–8: the reviewer's page under real use — typing and filtering never crash it,
 * a crash keeps the header and says what happened, dialogs ask before dropping or hiding anything.
 */
describeInBrowser('Reviewer page under real use', () => {
  let app: BrowserRecert;
  let browser: Browser;

  const launch = async (title: string, options: Record<string, unknown> = {}) => {
    const { id } = await app.launch({
      title,
      dueAt: inDays(5),
      scope: { applicationKeys: ['sfdc', 'ns', 'wd'] },
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      options,
    });
    await app.recert.query(
      `UPDATE review_item SET mover = true WHERE campaign_id = $1 AND assignment_key = ANY($2)`,
      [id, MOVERS],
    );
    return id;
  };
  const itemId = async (campaignId: string, assignmentKey: string) =>
    (
      await app.recert.query<{ id: string }>(
        `SELECT id FROM review_item WHERE campaign_id = $1 AND assignment_key = $2`,
        [campaignId, assignmentKey],
      )
    )[0].id;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(ledger));
  });
  afterAll(() => closeInChromium(browser, app));

  it('types in Search at 50, 150 and 400 ms a key without a crash, showing the matching rows; keeps the search in the address', async () => {
    const id = await launch('Typing');
    const page = await app.signIn(browser, 'rev', `/reviews/${id}`, [], { viewport: DESKTOP });
    await showsExactly(page, expectedRows('', false, false), 'all items');
    const search = page.getByRole('textbox', { name: 'Search' });
    const historyBefore = await page.evaluate('history.length');
    for (const delay of [50, 150, 400]) {
      for (const text of ['NetSuite', 'Hopper', 'Katherine', 'Alan Turing']) {
        await search.fill('');
        await search.pressSequentially(text, { delay });
        expect(await search.inputValue()).toBe(text);
        await showsExactly(page, expectedRows(text, false, false), `"${text}" typed at ${delay} ms a key`);
        await eventually(async () => (new URL(page.url()).searchParams.get('q') === text ? true : undefined));
      }
    }
    // Replaced, not pushed: Back leaves the page instead of undoing one letter.
    expect(await page.evaluate('history.length')).toBe(historyBefore);
    await page.context().close();
  });

  it('toggles the filter checkboxes in every order without a crash, showing the matching rows', async () => {
    const id = await launch('Toggling');
    const page = await app.signIn(browser, 'rev', `/reviews/${id}`, [], { viewport: DESKTOP });
    const boxes = {
      mover: page.getByRole('checkbox', { name: 'Movers' }),
      inactive: page.getByRole('checkbox', { name: 'Inactive accounts' }),
    };
    type Box = keyof typeof boxes;
    // Every sequence of up to four toggles over both checkboxes (movers on → inactive on → movers off …).
    const sequences: Box[][] = [[]];
    for (let length = 1; length <= 4; length++) {
      for (const s of sequences.filter((q) => q.length === length - 1)) {
        sequences.push([...s, 'mover'], [...s, 'inactive']);
      }
    }
    const state = { mover: false, inactive: false };
    for (const sequence of sequences.slice(1)) {
      for (const box of ['mover', 'inactive'] as Box[]) {
        if (state[box]) {
          await boxes[box].click();
          state[box] = false;
        }
      }
      for (const box of sequence) {
        await boxes[box].click();
        state[box] = !state[box];
        expect(await boxes[box].isChecked()).toBe(state[box]);
        await showsExactly(
          page,
          expectedRows('', state.mover, state.inactive),
          `after ${sequence.join(' → ')} (movers ${state.mover}, inactive ${state.inactive})`,
        );
      }
    }
    await page.context().close();
  });

  it('keeps the filters in the address: a reload and a shared link show the same rows', async () => {
    const id = await launch('Shared filters');
    const page = await app.signIn(browser, 'rev', `/reviews/${id}`, [], { viewport: DESKTOP });
    await page.getByRole('textbox', { name: 'Search' }).pressSequentially('finance', { delay: 150 });
    await page.getByRole('checkbox', { name: 'Movers' }).click();
    const rows = expectedRows('finance', true, false);
    expect(rows).toEqual(['Ada Lovelace · Sales User', 'Alan Turing · General Ledger Posting']);
    await showsExactly(page, rows, 'finance movers');
    await eventually(async () => (new URL(page.url()).searchParams.get('mover') === '1' ? true : undefined));
    const shared = new URL(page.url());
    expect(shared.searchParams.get('q')).toBe('finance');

    await page.reload();
    await showsExactly(page, rows, 'after a reload');
    expect(await page.getByRole('textbox', { name: 'Search' }).inputValue()).toBe('finance');
    expect(await page.getByRole('checkbox', { name: 'Movers' }).isChecked()).toBe(true);

    const other = await app.signIn(browser, 'rev', `${shared.pathname}${shared.search}`, [], {
      viewport: DESKTOP,
    });
    await showsExactly(other, rows, 'from the shared link');
    await other.context().close();
    await page.context().close();
  });

  it('shows a crash under the header, in words, without a stack trace, and reloads', async () => {
    const id = await launch('Broken answer');
    const page = await app.signIn(browser, 'rev', '/', [], { viewport: DESKTOP });
    // An answer the page cannot render (an item that is not one): rendering throws.
    await page.route(`**/api/v1/reviews/campaigns/${id}`, async (route) => {
      const real = (await (await route.fetch()).json()) as { items: unknown[] };
      await route.fulfill({ json: { ...real, items: [...real.items, null] } });
    });
    await page.goto(`${app.url}/reviews/${id}`);
    await page.getByRole('heading', { level: 1, name: 'This page stopped working' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'My reviews' }).waitFor();
    const shown = (await page.locator('body').textContent()) ?? '';
    for (const leak of ['TypeError', 'Cannot read', 'Unexpected Application Error', '.js', 'null']) {
      expect(shown).not.toContain(leak);
    }
    expect(shown).not.toMatch(/:\d+:\d+/); // a stack frame's line and column
    await noSeriousViolations(page, 'error page');

    await page.unroute(`**/api/v1/reviews/campaigns/${id}`);
    await page.getByRole('button', { name: 'Reload the page' }).click();
    await showsExactly(page, expectedRows('', false, false), 'after the reload');
    await page.context().close();
  });

  for (const [size, viewport] of [
    ['1440×900', DESKTOP],
    ['390×844', PHONE],
  ] as const) {
    it(`asks in a focused dialog on screen (${size}) before leaving with unconfirmed drafts`, async () => {
      const id = await launch(`Leaving at ${size}`);
      const page = await app.signIn(browser, 'rev', '/', [], { viewport });
      expect(await putDraft(page, await itemId(id, 'a-ada-ess'), { decision: 'approve' })).toBeLessThan(300);
      await page.goto(`${app.url}/reviews/${id}`);
      await sees(page.getByText(/Unconfirmed: /), 'Unconfirmed: 1');

      const leaving = page.getByRole('dialog', { name: 'Leave with unconfirmed decisions?' });
      const inView = async () => {
        const box = (await leaving.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      };
      await page.getByRole('link', { name: '← My reviews' }).click();
      await leaving.waitFor();
      await inView();
      await isFocused(leaving.getByRole('button', { name: 'Stay' }));
      await sees(leaving, 'You have 1 unconfirmed decision.');
      await noSeriousViolations(page, `leave dialog at ${size}`);
      await page.keyboard.press('Enter');
      await counts(leaving, 0);
      expect(page.url()).toBe(`${app.url}/reviews/${id}`);

      // Any link of the app asks too: the header's, whatever the header looks like at this size.
      await page.locator('header a[href="/"]').first().dispatchEvent('click');
      await leaving.waitFor();
      await inView();
      await leaving.getByRole('button', { name: 'Leave anyway' }).click();
      await page.waitForURL(`${app.url}/`);
      await page.context().close();
    });
  }

  it('approves all recommended only after naming the unusual ones, and leaves them out by default', async () => {
    const id = await launch('Recommended');
    const page = await app.signIn(browser, 'rev', `/reviews/${id}`, [], { viewport: DESKTOP });
    await page.getByRole('button', { name: 'Approve all recommended' }).click();
    // Its name follows the count chosen: the locator holds whatever it says.
    const ask = page.getByRole('dialog', { name: /^Approve \d+ items?\?$/ });
    await page.getByRole('dialog', { name: 'Approve 2 items?' }).waitFor();
    const unusual = ask.getByRole('list', { name: 'Items that need a closer look' });
    await counts(unusual.getByRole('listitem'), 2);
    await sees(
      unusual.getByRole('listitem').filter({ hasText: 'Grace Hopper' }),
      'privileged or critical permission',
    );
    await sees(unusual.getByRole('listitem').filter({ hasText: 'Katherine Johnson' }), 'mover');
    const leaveOut = ask.getByRole('checkbox', { name: /Leave these 2 out/ });
    expect(await leaveOut.isChecked()).toBe(true);
    await leaveOut.click();
    await page.getByRole('dialog', { name: 'Approve 4 items?' }).waitFor();
    await leaveOut.click();
    await page.getByRole('dialog', { name: 'Approve 2 items?' }).waitFor();
    await noSeriousViolations(page, 'approve all recommended');
    await ask.getByRole('button', { name: 'Approve 2 now' }).click();
    await eventually(async () => {
      const rows = await app.recert.query<{ assignment_key: string }>(
        `SELECT assignment_key FROM review_item WHERE campaign_id = $1 AND status = 'ok' ORDER BY assignment_key`,
        [id],
      );
      return rows.length === 2 ? rows.map((r) => r.assignment_key) : undefined;
    }).then((approved) => expect(approved).toEqual(['a-alan-sales', 'a-grace-ess']));
    await page.context().close();
  });

  it('asks before discarding, naming how many drafts and comments go', async () => {
    const id = await launch('Discarding');
    const page = await app.signIn(browser, 'rev', '/', [], { viewport: DESKTOP });
    await putDraft(page, await itemId(id, 'a-ada-ess'), { decision: 'approve' });
    await putDraft(page, await itemId(id, 'a-ada-ap'), { decision: 'revoke', comment: 'left finance' });
    await putDraft(page, await itemId(id, 'a-kath-ap'), { decision: 'revoke', comment: 'never used' });
    await page.goto(`${app.url}/reviews/${id}`);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    const ask = page.getByRole('dialog', { name: 'Discard 3 unconfirmed decisions?' });
    await sees(ask, 'These 3 drafts and 2 comments with them will be dropped');
    await ask.getByRole('button', { name: 'Not now' }).click();
    await counts(ask, 0);
    await sees(page.getByText(/Unconfirmed: /), 'Unconfirmed: 3');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await ask.getByRole('button', { name: 'Discard 3' }).click();
    await counts(page.getByText(/Unconfirmed: /), 0);
    const [{ drafts }] = await app.recert.query<{ drafts: string }>(
      `SELECT count(*) AS drafts FROM review_item WHERE campaign_id = $1 AND draft_decision IS NOT NULL`,
      [id],
    );
    expect(Number(drafts)).toBe(0);
    await page.context().close();
  });

  it('says "No recommendation" in words, and why, on a click (a touch screen has no hover)', async () => {
    const id = await launch('Recommendation words');
    const page = await app.signIn(browser, 'rev', `/reviews/${id}`, [], { viewport: DESKTOP });
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Ada Lovelace' })
      .filter({ hasText: 'Payables Clerk' });
    await sees(row, 'No recommendation');
    await doesNotSee(row, 'manual');
    await row.getByRole('button', { name: /^No recommendation/ }).click();
    await sees(page.getByRole('dialog'), 'granted or denied manually, outside the security policy');
    const grace = page.getByRole('row').filter({ hasText: 'Grace Hopper' }).filter({ hasText: 'Workday' });
    await sees(grace, 'Recommended');
    await noSeriousViolations(page, 'recommendation words');
    await page.context().close();
  });

  it('r without a comment keeps the focus on the row, and c then opens an empty comment box', async () => {
    const id = await launch('Keyboard comments', { commentRequired: 'revoke' });
    const page = await app.signIn(browser, 'rev', `/reviews/${id}`, [], { viewport: DESKTOP });
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Alan Turing' })
      .filter({ hasText: 'General Ledger' });
    await row.getByText('Alan Turing', { exact: true }).click();
    await isFocused(row);
    await page.keyboard.press('r');
    await sees(row.getByRole('alert'), 'Write a comment first');
    await isFocused(row);
    await page.keyboard.press('c');
    const comment = row.getByRole('textbox', { name: /Comment on Alan Turing/ });
    await isFocused(comment);
    expect(await comment.inputValue()).toBe('');
    await page.keyboard.type('no longer posts');
    expect(await comment.inputValue()).toBe('no longer posts');
    await page.context().close();
  });

  it('gives the page of a campaign without items a level-one heading', async () => {
    const id = await launch('Not for Otto');
    const page = await app.signIn(browser, 'outsider', `/reviews/${id}`, [], { viewport: DESKTOP });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await sees(page.getByRole('alert'), 'You have no items in campaign');
    await noSeriousViolations(page, 'no items');
    await page.context().close();
  });
});
