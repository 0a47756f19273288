import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  counts,
  describeInBrowser,
  launchChromium,
  noSeriousViolations,
  sees,
} from './support/browser';
import { inDays, smallLedger } from './support/ledger-fixture';

/** The administrator's and auditor's console (issue 14), as far as it goes: the campaigns list. */
describeInBrowser('Administrator and auditor console', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await BrowserRecert.start();
    await app.admin('POST', '/api/v1/ledger/imports', smallLedger());
    const reviewers = { strategy: ['linemanager'], defaultReviewerKey: 'dflt' };
    await app.launch({ title: 'Running review', dueAt: inDays(9), reviewers });
    const ended = await app.launch({ title: 'Called off', dueAt: inDays(9), reviewers });
    await app.admin('POST', `/api/v1/campaigns/${ended.id}/cancel`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists every campaign with status, owner, due date and progress, filtered by status', async () => {
    for (const role of ['admin', 'auditor'] as const) {
      const page = await app.signIn(browser, 'ceo', '/', [role]);
      await page.getByRole('link', { name: 'Campaigns' }).click();
      const table = page.getByRole('table', { name: 'Campaigns' });
      await counts(table.getByRole('row'), 3);
      const running = table.getByRole('row').filter({ hasText: 'Running review' });
      await sees(running, 'active');
      await sees(running, 'root');
      await sees(running, '0 of 7 decided');
      await sees(table.getByRole('row').filter({ hasText: 'Called off' }), 'cancelled');
      await noSeriousViolations(page, `campaigns list as ${role}`);
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'cancelled' }).click();
      await counts(table.getByRole('row'), 2);
      await sees(table, 'Called off');
      await page.context().close();
    }
  });

  it('is not offered to a reviewer, and refused when the address is typed', async () => {
    const page = await app.signIn(browser, 'bob', '/');
    await page.getByRole('heading', { name: 'My reviews' }).waitFor();
    expect(await page.getByRole('link', { name: 'Campaigns' }).count()).toBe(0);
    await page.goto(`${app.url}/campaigns`);
    await sees(page.getByRole('alert'), 'This action needs one of the roles: admin, auditor.');
    await page.context().close();
  });
});
