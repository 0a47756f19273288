import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  forcedPost,
  noSeriousViolations,
  pickOption,
  readmeScreenshot,
  sees,
  startInChromium,
} from './support/browser';
import { financeCampaign, financeLedger, reviewFinance } from './support/finance-fixture';

/**
 * Issue 29, points 15 and 20: a campaign's items tab (filters in the address, reviewer rows linking to it)
 * and each item's story, which answers "who revoked this person's general-ledger posting right, when,
 * through which session" in one click from a search.
 */
describeInBrowser("Campaign items and an item's story", () => {
  let app: BrowserRecert;
  let browser: Browser;
  let campaignId: string;
  let sessionId: string;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(financeLedger()));
    campaignId = (await app.launch(financeCampaign())).id;
    // Fiona revokes Gina's posting right from her browser: the decision comes through her session.
    const fiona = await app.signIn(browser, 'cfo', '/');
    sessionId = (
      (await fiona.evaluate(async () => (await fetch('/api/v1/me')).json())) as { session: { id: string } }
    ).session.id;
    await reviewFinance(
      (sub) => app.recert.as(sub, 'reviewer'),
      campaignId,
      async (body) => {
        const status = await forcedPost(fiona, `/api/v1/campaigns/${campaignId}/decisions`, body);
        if (status !== 200) throw new Error(`Fiona's revocation: ${status}`);
      },
    );
    await fiona.context().close();
    await app.admin('POST', `/api/v1/campaigns/${campaignId}/finalize`);
    await app.recert.waitForCampaign(campaignId, 'closed');
  });
  afterAll(() => closeInChromium(browser, app));

  it("20: finds who revoked Gina's general-ledger posting right, when and through which session, in one click from a search", async () => {
    const page = await app.signIn(browser, 'ceo', `/campaigns/${campaignId}`, ['auditor']);
    await page.getByRole('heading', { name: /Finance access review/ }).waitFor();
    await page.getByRole('tab', { name: 'Items' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill('gina green');
    const table = page.getByRole('table', { name: 'Campaign items' });
    await counts(table.getByRole('row'), 4);
    await sees(table.getByRole('row').filter({ hasText: 'GL posting' }), 'cfo');
    expect(new URL(page.url()).searchParams.get('q')).toBe('gina green');

    await table.getByRole('link', { name: 'Gina Green · General Ledger · GL posting' }).click();
    await page.getByRole('heading', { name: 'Gina Green · General Ledger · GL posting' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/campaigns/${campaignId}/items/\\d+$`));
    const facts = page.getByRole('table', { name: 'The item' });
    await sees(facts.getByRole('row', { name: /Outcome/ }), 'Revoked by cfo');
    await sees(facts.getByRole('row', { name: /^Comment/ }), 'Left the GL team in May');
    const decided = page
      .getByRole('table', { name: 'Decisions and changes' })
      .getByRole('row')
      .filter({ hasText: 'Decided' });
    await sees(decided, 'Fiona Finance');
    await sees(decided, 'To be reviewed → Revoked');
    await sees(decided, 'Single decision');
    await sees(decided, `Session ${sessionId.slice(0, 8)}`);
    const session = decided.getByRole('link', { name: /^Session / });
    expect(await session.getAttribute('href')).toBe(`/audit?via=${sessionId}`);
    expect(
      await page.getByRole('link', { name: 'Its entries in the audit trail' }).getAttribute('href'),
    ).toMatch(/^\/audit\?objectType=review_item&objectId=\d+$/);
    await noSeriousViolations(page, 'item story');

    await session.click();
    await page.waitForURL(`${app.url}/audit?via=${sessionId}`);
    await page.context().close();
  });

  it("15: lists a campaign's items by reviewer, status, who decided and application; a reviewer's row links there", async () => {
    const page = await app.signIn(browser, 'ceo', `/campaigns/${campaignId}`, ['auditor']);
    const reviewers = page.getByRole('table', { name: 'Progress by reviewer' });
    await reviewers.getByRole('link', { name: 'Fiona Finance' }).click();
    await page.getByRole('tab', { name: 'Items', selected: true }).waitFor();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ tab: 'items', reviewer: 'cfo' });
    const table = page.getByRole('table', { name: 'Campaign items' });
    await counts(table.getByRole('row'), 9);

    await pickOption(page.getByRole('combobox', { name: 'Decided by' }), /The due date/);
    await counts(table.getByRole('row'), 5);
    await sees(table.getByRole('row').filter({ hasText: 'NetSuite' }), 'At the due date');
    await pickOption(page.getByRole('combobox', { name: 'Decided by' }), /A reviewer/);
    await counts(table.getByRole('row'), 5);
    await readmeScreenshot(page, 'campaign-items');
    await pickOption(page.getByRole('combobox', { name: 'Status' }), /Approved/);
    await counts(table.getByRole('row'), 4);
    await pickOption(page.getByRole('combobox', { name: 'Application' }), /General Ledger/);
    await counts(table.getByRole('row'), 4);
    await noSeriousViolations(page, 'items tab');

    // The filters are in the address: a reload (or the link, shared) shows the same list.
    await page.reload();
    await counts(page.getByRole('table', { name: 'Campaign items' }).getByRole('row'), 4);
    expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('Approved');

    // The bulk approval says so on each of its items.
    await page.getByRole('link', { name: 'Hugo Hill · General Ledger · GL posting' }).click();
    const decided = page
      .getByRole('table', { name: 'Decisions and changes' })
      .getByRole('row')
      .filter({ hasText: 'Decided' });
    await sees(decided, 'Bulk: with 2 other items at once');

    // Jane's SAP access: forwarded by Carl with his reason, then closed by the due date.
    await page.goto(`${app.url}/campaigns/${campaignId}?tab=items&q=jane-sap`);
    await page.getByRole('link', { name: 'Jane Doe · SAP ERP · SAP user' }).click();
    const facts = page.getByRole('table', { name: 'The item' });
    await sees(facts.getByRole('row', { name: /Forwarded/ }), 'Jane works for Fiona on SAP');
    await sees(facts.getByRole('row', { name: /Outcome/ }), 'closed at the due date');
    await sees(page.getByRole('table', { name: 'Decisions and changes' }), 'Closed at the due date');
    await noSeriousViolations(page, 'item story, closed at the due date');
    await page.context().close();
  });
});
