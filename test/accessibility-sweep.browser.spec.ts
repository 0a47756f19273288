import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { BrowserRecert, closeInChromium, describeInBrowser, PHONE, startInChromium } from './support/browser';
import { eventually } from './support/harness';
import { inDays, managersCampaign, smallLedger } from './support/ledger-fixture';
import { policyBody } from './support/policy-fixture';

const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: PHONE },
];

const CAMPAIGN_TABS = [
  'reviewers',
  'items',
  'applications',
  'timeline',
  'reassign',
  'remediations',
  'settings',
];
const LEDGER_TABS = ['identities', 'applications', 'permissions', 'assignments', 'accounts'];

/**
 * A page is ready when its heading is shown and no list on it is still loading (progress bars that show a
 * campaign's progress stay: only the loaders, labelled "Loading: …", must go).
 */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 10_000 });
  // Polled from here: the page's Content Security Policy refuses the evaluated strings waitForFunction sends.
  const loaders = page.locator('[role=progressbar][aria-label^="Loading"]');
  await eventually(async () => ((await loaders.count()) === 0 ? true : undefined), 10_000, 'loaders to go');
  await page.evaluate('document.fonts.ready');
}

/** Every violation of axe's default rule set (every impact, not only serious ones), one line each. */
async function violations(page: Page, what: string): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.flatMap((v) =>
    v.nodes.map((n) => `${what}: ${v.id} (${v.impact}) ${n.target.join(' ')} — ${v.help}`),
  );
}

/**
 * Issue 29, "Also found": every page of the web app, at 1440×900 and at a phone's 390×844, passes axe's
 * default rule set (all impacts). The sign-in page is the development provider's; "no items" is the review
 * page of a campaign the signed-in person has nothing in, which still says where they are with an h1.
 */
describeInBrowser('Accessibility of every page at both sizes', () => {
  let app: BrowserRecert;
  let browser: Browser;
  let campaignId: string;
  let itemId: string;
  let policyId: string;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(smallLedger()));
    campaignId = (await app.launch(managersCampaign('Swept review', { dueAt: inDays(9) }))).id;
    const [item] = await app.recert.query<{ id: string }>(
      `SELECT id::text AS id FROM review_item WHERE campaign_id = $1 ORDER BY id LIMIT 1`,
      [campaignId],
    );
    itemId = item.id;
    policyId = (await app.admin<{ id: string }>('POST', '/api/v1/policies', policyBody('swept'))).id;
  }, 180_000);
  afterAll(() => closeInChromium(browser, app));

  it.each(SIZES)(
    'finds no violation on any page ($name)',
    async ({ name, viewport }) => {
      const found: string[] = [];

      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const signInPage = await context.newPage();
      await signInPage.goto(`${app.url}/`);
      await signInPage.getByRole('heading', { name: 'Sign in to Recert' }).waitFor();
      found.push(...(await violations(signInPage, `${name} sign-in`)));
      await context.close();

      const pages = [
        '/',
        `/reviews/${campaignId}`,
        '/campaigns',
        ...CAMPAIGN_TABS.map((t) => `/campaigns/${campaignId}?tab=${t}`),
        `/campaigns/${campaignId}/items/${itemId}`,
        '/campaigns/new',
        ...LEDGER_TABS.map((t) => `/ledger?tab=${t}`),
        '/ledger/identities/alice',
        '/policies',
        '/policies/new',
        `/policies/${policyId}`,
        '/audit',
        '/mail',
        '/no/such/page',
      ];
      // The manager reviews in the campaign; administrators see the console.
      const page = await app.signIn(browser, 'mgr', '/', ['admin', 'auditor'], { viewport });
      for (const at of pages) {
        await page.goto(`${app.url}${at}`);
        try {
          await settled(page);
        } catch (err) {
          const shown = await page.evaluate<string>('document.contentType + " " + document.body.innerText');
          found.push(
            `${name} ${at}: did not settle (${shown.slice(0, 120)}): ${(err as Error).message.split('\n')[0]}`,
          );
        }
        found.push(...(await violations(page, `${name} ${at}`)));
      }
      await page.context().close();

      // Nothing to review here: the page still has its h1.
      const empty = await app.signIn(browser, 'bob', `/reviews/${campaignId}`, [], { viewport });
      try {
        await settled(empty);
      } catch (err) {
        found.push(`${name} no-items review page: ${(err as Error).message.split('\n')[0]}`);
      }
      found.push(...(await violations(empty, `${name} no-items review page`)));
      await empty.context().close();

      expect(found).toEqual([]);
    },
    300_000,
  );
});
