import type { Browser, Locator, Page } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  isFocused,
  itemCard,
  itemRow,
  noSeriousViolations,
  PHONE,
  readmeScreenshot,
  sees,
  startInChromium,
} from './support/browser';
import { managersCampaign, smallLedger } from './support/ledger-fixture';

/** How far the page scrolls sideways: the document's width beyond the window's. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** What sticks out past the window's right edge while its parent does not: the culprits, named. */
const overflowing = (page: Page) =>
  page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right;
      const parent = el.parentElement && el.parentElement.getBoundingClientRect().right;
      if (right > ${PHONE.width} && parent !== null && parent <= ${PHONE.width})
        out.push(el.tagName + '.' + String(el.className).slice(0, 60) + ' ' + Math.round(right) + 'px: ' +
          (el.textContent || '').slice(0, 40));
    }
    return out.slice(0, 8);
  })()`);

/** Each decision of a card, once scrolled to: inside the window, a full finger high. */
async function tappable(button: Locator): Promise<void> {
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  expect(box).not.toBeNull();
  const { x, y, width, height } = box!;
  expect({
    x: x >= 0,
    right: x + width <= PHONE.width,
    y: y >= 0,
    bottom: y + height <= PHONE.height,
  }).toEqual({
    x: true,
    right: true,
    y: true,
    bottom: true,
  });
  expect(height).toBeGreaterThanOrEqual(44);
}

/**
 * Issue 29, points 9 and 10: the reviewer's pages on a phone (390×844) — cards, a collapsed header, no page
 * scrolling sideways, the console's pages included — and the campaigns that closed, kept in My reviews.
 */
describeInBrowser('Reviewer on a phone, and closed campaigns', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(smallLedger()));
  });
  afterAll(() => closeInChromium(browser, app));

  it('shows the review as cards with full-width decisions, decides and confirms, and keeps the shortcuts', async () => {
    const { id } = await app.launch(managersCampaign('Phone review'));
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`, [], { viewport: PHONE });
    const cards = page.getByRole('list', { name: 'Items to review' }).getByRole('listitem');
    await counts(cards, 4);
    await counts(page.getByRole('table', { name: 'Items to review' }), 0);

    for (const name of ['Approve', 'Revoke', 'Request update', 'Forward']) {
      await tappable(itemCard(page, 'Alice', 'CRM Admin').getByRole('button', { name, exact: true }));
    }
    // No badge cut short ("REVO…"): each shows its whole text.
    const clipped = await page
      .getByRole('list', { name: 'Items to review' })
      .locator('.mantine-Badge-label')
      .evaluateAll((labels) =>
        labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent),
      );
    expect(clipped).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await noSeriousViolations(page, 'review on a phone');

    const bob = itemCard(page, 'Bob', 'CRM User');
    await bob.getByRole('button', { name: 'Approve' }).click();
    await sees(bob, 'Draft: Approve');
    // The shortcuts work on cards too: j moves to the next card, a approves it.
    await page.getByRole('list', { name: 'Items to review' }).getByRole('listitem').first().focus();
    await page.keyboard.press('j');
    const second = cards.nth(1);
    await isFocused(second);
    await page.keyboard.press('a');
    await sees(second, 'Draft: Approve');
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(bob, 'Approved');
    await sees(second, 'Approved');
    // The picture shows the cards from the first one, just under the header.
    await page.getByRole('list', { name: 'Items to review' }).evaluate((list) => {
      list.scrollTop = 0;
      const top = list.getBoundingClientRect().top + list.ownerDocument.documentElement.scrollTop;
      list.ownerDocument.documentElement.scrollTop = top - 100;
    });
    await readmeScreenshot(page, 'reviewer-phone');
    const [stored] = await app.recert.query<{ status: string }>(
      `SELECT status FROM review_item WHERE campaign_id = $1 AND identity_key = 'bob'`,
      [id],
    );
    expect(stored.status).toBe('ok');
    await page.context().close();
  });

  it('collapses the header into a menu and scrolls no console page sideways', async () => {
    const { id } = await app.launch(managersCampaign('Phone console'));
    const page = await app.signIn(browser, 'ceo', '/', ['admin', 'auditor'], { viewport: PHONE });
    await counts(page.getByRole('navigation', { name: 'Main' }), 0);
    await page.getByRole('button', { name: 'Menu' }).click();
    const menu = page.getByRole('dialog', { name: 'Menu' });
    await menu.getByRole('link', { name: 'Audit trail' }).click();
    await page.waitForURL(`${app.url}/audit`);
    await counts(page.getByRole('dialog', { name: 'Menu' }), 0);

    const mgrReview = await app.signIn(browser, 'mgr', `/reviews/${id}`, [], { viewport: PHONE });
    await itemCard(mgrReview, 'Bob', 'CRM User').waitFor();
    expect(await pageWidth(mgrReview)).toBeLessThanOrEqual(PHONE.width);
    await mgrReview.context().close();

    const tooWide: Record<string, string[]> = {};
    for (const path of [
      '/',
      '/campaigns',
      `/campaigns/${id}`,
      '/campaigns/new',
      '/ledger',
      '/policies',
      '/audit',
    ]) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Tables and lists load after the heading: the widest thing on the page is what counts.
      await page.waitForLoadState('networkidle');
      if ((await pageWidth(page)) > PHONE.width) tooWide[path] = await overflowing(page);
    }
    expect(tooWide).toEqual({});
    await page.context().close();
  });

  it('keeps closed campaigns in a Closed tab with what the reviewer decided, and opens them read-only', async () => {
    const { id } = await app.launch(managersCampaign('Closed last quarter'));
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`);
    await itemRow(page, 'Bob', 'CRM User').getByRole('button', { name: 'Approve' }).click();
    await sees(itemRow(page, 'Bob', 'CRM User'), 'Draft: Approve');
    await itemRow(page, 'Carol', 'CRM User').getByRole('button', { name: 'Revoke' }).click();
    await sees(itemRow(page, 'Carol', 'CRM User'), 'Draft: Revoke');
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(itemRow(page, 'Carol', 'CRM User'), 'Revoked');
    await app.admin('POST', `/api/v1/campaigns/${id}/finalize`);
    await app.recert.waitForCampaign(id, 'closed');

    await page.goto(`${app.url}/`);
    await counts(
      page
        .getByRole('table', { name: 'Campaigns to review' })
        .getByRole('row')
        .filter({ hasText: 'Closed last quarter' }),
      0,
    );
    await page.getByRole('tab', { name: 'Closed' }).click();
    const closed = page.getByRole('table', { name: 'Closed campaigns' }).getByRole('row').filter({
      hasText: 'Closed last quarter',
    });
    await sees(closed, '1 approved · 1 revoked');
    // Alice's two items went to the due date's rule, not to a decision of Mona's.
    await sees(closed.getByRole('cell').nth(4), '2');
    await noSeriousViolations(page, 'closed campaigns');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('closed');

    await closed.getByRole('link', { name: 'Closed last quarter' }).click();
    await page.waitForURL(`${app.url}/reviews/${id}`);
    await sees(itemRow(page, 'Bob', 'CRM User'), 'Approved');
    await sees(itemRow(page, 'Carol', 'CRM User'), 'Revoked');
    expect(await itemRow(page, 'Bob', 'CRM User').getByRole('button', { name: 'Revoke' }).isDisabled()).toBe(
      true,
    );
    await page.context().close();
  });
});
