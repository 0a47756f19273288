import type { Browser, Page } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  forcedPost,
  noSeriousViolations,
  PHONE,
  readmeScreenshot,
  sees,
  startInChromium,
} from './support/browser';
import { inDays, managersCampaign, smallLedger } from './support/ledger-fixture';

/** How far the page reaches past the window's right edge, in CSS pixels (0: no sideways scrolling). */
const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/**
 * Issue 29, point 19: an audit entry says what changed (before → after, in words and names), whose access
 * to what, links the object to its page and "via" to everything done through that session (who, when,
 * which browser), and tells a bulk decision from a single one.
 */
describeInBrowser('Audit entries in detail', () => {
  let app: BrowserRecert;
  let browser: Browser;
  let campaignId: string;
  let revokedItem: string;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(smallLedger()));
    campaignId = (await app.launch(managersCampaign('Audited decisions', { dueAt: inDays(9) }))).id;
    // The manager decides in the browser: one revocation alone, then two approvals in one bulk action.
    const mgr = await app.signIn(browser, 'mgr', '/');
    const items = await mgr.evaluate(async (id) => {
      const res = await fetch(`/api/v1/reviews?campaignId=${id}`);
      return ((await res.json()) as { items: { id: string; assignmentKey: string }[] }).items;
    }, campaignId);
    revokedItem = items.find((i) => i.assignmentKey === 'as-alice-crm-admin')!.id;
    expect(
      await forcedPost(mgr, `/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: [{ itemId: revokedItem, decision: 'revoke', comment: 'Left sales in May' }],
      }),
    ).toBe(200);
    expect(
      await forcedPost(mgr, `/api/v1/campaigns/${campaignId}/decisions/bulk`, {
        decision: 'approve',
        filter: { applicationKey: 'crm' },
      }),
    ).toBe(200);
    await mgr.context().close();
  });
  afterAll(() => closeInChromium(browser, app));

  it('says what a decision changed, on whose access, with links to the item and the session', async () => {
    const page = await app.signIn(browser, 'ceo', `/audit?objectType=review_item&objectId=${revokedItem}`, [
      'auditor',
    ]);
    const table = page.getByRole('table', { name: 'Audit entries' });
    await counts(table.getByRole('row'), 1 + 1);
    const row = table.getByRole('row').nth(1);
    await sees(row, 'Decision: To review → Revoked');
    await sees(row, 'Comment: (none) → Left sales in May');
    await sees(row, 'Alice — CRM Admin in CRM');
    await sees(row, 'Mona Manager');
    await sees(row, 'Single');
    const item = row.getByRole('link', { name: `Item ${revokedItem}` });
    expect(await item.getAttribute('href')).toBe(`/campaigns/${campaignId}/items/${revokedItem}`);
    const via = row.getByRole('link', { name: 'Session of Mona Manager' });
    await sees(row, /signed in .+ · .*Chrome/);
    await noSeriousViolations(page, 'audit entry');

    await via.click();
    await page.waitForURL(/\/audit\?via=[0-9a-f-]{36}$/);
    const note = page.getByRole('note', { name: 'Session' });
    await sees(note, 'the session of mgr, signed in');
    await sees(note, 'still open');
    await sees(note, 'HeadlessChrome');
    // Everything done through that session: it started, then three decisions.
    await counts(table.getByRole('row').filter({ hasText: 'Decided' }), 3);
    await sees(table, 'session.started');
    await page.context().close();
  });

  it('tells the decisions of one bulk action from a single decision', async () => {
    const page = await app.signIn(browser, 'ceo', `/audit?action=item.decided&actor=mgr`, ['auditor']);
    const table = page.getByRole('table', { name: 'Audit entries' });
    await counts(table.getByRole('row'), 1 + 3);
    await counts(table.getByRole('row').filter({ hasText: 'Bulk: 2 in one action' }), 2);
    await counts(table.getByRole('row').filter({ hasText: 'Single' }), 1);
    await counts(table.getByRole('row').filter({ hasText: 'Decision: To review → Approved' }), 2);
    await readmeScreenshot(page, 'audit-entry');
    await page.context().close();
  });

  it('shows the same entries on a phone without scrolling sideways', async () => {
    const page = await app.signIn(
      browser,
      'ceo',
      `/audit?objectType=review_item&objectId=${revokedItem}`,
      ['auditor'],
      { viewport: PHONE },
    );
    const list = page.getByRole('list', { name: 'Audit entries' });
    await sees(list, 'Decision: To review → Revoked');
    await sees(list, 'Alice — CRM Admin in CRM');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await noSeriousViolations(page, 'audit entry on a phone');
    await page.context().close();
  });
});
