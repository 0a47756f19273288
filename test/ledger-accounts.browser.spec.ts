import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  noSeriousViolations,
  sees,
  startInChromium,
} from './support/browser';
import { smallLedger } from './support/ledger-fixture';

/** More orphans than one page holds: the tab pages. */
const ORPHANS = 55;

/**
 * Issue 29, point 18: the ledger's Accounts tab lists every account with its identity (or says it is an
 * orphan), application, status and last use; "orphan accounts only" filters, kept in the address; paged.
 */
describeInBrowser('Ledger accounts', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    const ledger = smallLedger();
    const accounts: Record<string, unknown>[] = [...ledger.accounts];
    accounts.push({
      key: 'crm-gus',
      applicationKey: 'crm',
      login: 'gus',
      ownerKey: 'gone',
      status: 'inactive',
    });
    for (let i = 1; i <= ORPHANS; i++) {
      const n = String(i).padStart(2, '0');
      accounts.push({ key: `erp-svc-${n}`, applicationKey: 'erp', login: `svc-batch-${n}` });
    }
    ({ browser, app } = await startInChromium({ ...ledger, accounts }));
  });
  afterAll(() => closeInChromium(browser, app));

  it('lists accounts with their identity or as orphans, filters orphans and pages', async () => {
    const page = await app.signIn(browser, 'ceo', '/ledger', ['auditor']);
    await page.getByRole('tab', { name: 'Accounts' }).click();
    await page.waitForURL(/tab=accounts/);
    const table = page.getByRole('table', { name: 'Accounts' });
    const alice = table.getByRole('row').filter({ hasText: 'crm-alice' });
    await sees(alice, 'Alice');
    await sees(alice, 'CRM');
    // In the browser's own locale, as the page writes it.
    await sees(alice, await page.evaluate<string>(`new Date('2026-10-01T08:00:00Z').toLocaleDateString()`));
    expect(await alice.getByRole('link', { name: 'Alice' }).getAttribute('href')).toBe(
      '/ledger/identities/alice',
    );
    await sees(table.getByRole('row').filter({ hasText: 'crm-gus' }), 'identity inactive');
    await sees(table.getByRole('row').filter({ hasText: 'erp-svc-01' }), 'orphan — no identity');
    await counts(table.getByRole('row'), 1 + 50);
    await noSeriousViolations(page, 'ledger accounts');

    // A click, not check(): the box follows the address, which changes a moment after the click.
    await page.getByLabel('Orphan accounts only (no identity owns them)').click();
    await page.waitForURL(/orphans=true/);
    await counts(table.getByRole('row').filter({ hasText: 'crm-alice' }), 0);
    await counts(table.getByRole('row').filter({ hasText: 'orphan — no identity' }), 50);
    await page.getByRole('button', { name: 'Show more' }).click();
    await counts(table.getByRole('row').filter({ hasText: 'orphan — no identity' }), ORPHANS);

    await page.reload();
    await table.waitFor();
    expect(await page.getByLabel('Orphan accounts only (no identity owns them)').isChecked()).toBe(true);
    await page.getByLabel('Search').fill('svc-batch-07');
    await counts(table.getByRole('row'), 1 + 1);
    await page.context().close();
  });
});
