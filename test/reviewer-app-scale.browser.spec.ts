import type { Browser } from 'playwright-core';
import { BrowserRecert, describeInBrowser, launchChromium, sees } from './support/browser';
import { syntheticLedger } from './support/synthetic-ledger';
import { printTiming } from './support/timing';

const ITEMS = 5_000;
/** The campaign page must be usable this soon with 5,000 items of one reviewer (issue 13). */
const USABLE_WITHIN_MS = 1_500;

describeInBrowser('Reviewer web app at scale', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await BrowserRecert.start();
    await app.admin('POST', '/api/v1/ledger/imports', syntheticLedger(ITEMS, 1));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(`opens a campaign of ${ITEMS} items of one reviewer, usable in under ${USABLE_WITHIN_MS} ms`, async () => {
    const { id } = await app.launch({
      title: 'Everything of one manager',
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'default-reviewer' },
    });
    const page = await app.signIn(browser, 'mgr-0');
    await sees(page.getByRole('table', { name: 'Campaigns to review' }), String(ITEMS));

    // From the click on the campaign to a row that takes a decision: items loaded, table rendered. The best
    // of five: the page's own speed, not the load other test files put on the machine at that moment.
    const firstApprove = page
      .getByRole('table', { name: 'Items to review' })
      .getByRole('button', { name: 'Approve' })
      .first();
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) {
        await page.goto(`${app.url}/`);
        await sees(page.getByRole('table', { name: 'Campaigns to review' }), String(ITEMS));
      }
      const started = Date.now();
      await page.getByRole('link', { name: 'Everything of one manager' }).click();
      await firstApprove.waitFor();
      tries.push(Date.now() - started);
    }
    const usableMs = Math.min(...tries);
    printTiming(`campaign page with ${ITEMS} items usable, best of ${tries.join(' / ')} ms`, usableMs);
    await sees(page.getByText(/items shown/), `${ITEMS} of ${ITEMS} items shown`);
    // Only what is on screen is rendered.
    const rendered = await page.locator('tr[data-item-id]').count();
    expect(rendered).toBeLessThan(80);
    expect(usableMs).toBeLessThan(USABLE_WITHIN_MS);

    // Filtering and deciding stay immediate at this size.
    await page.getByRole('textbox', { name: 'Search' }).fill('User 777 ');
    await sees(page.getByText(/items shown/), `5 of ${ITEMS} items shown`);
    const row = page.locator('tr[data-item-id]').first();
    await row.getByRole('button', { name: 'Approve' }).click();
    await sees(row, 'Draft: Approve');
    const [stored] = await app.recert.query<{ n: string }>(
      `SELECT count(*) AS n FROM review_item WHERE campaign_id = $1 AND draft_decision = 'approve'`,
      [id],
    );
    expect(Number(stored.n)).toBe(1);
    await page.context().close();
  });
});
