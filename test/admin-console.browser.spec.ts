import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  counts,
  describeInBrowser,
  forcedPost,
  launchChromium,
  noSeriousViolations,
  sees,
  chooseFromMenu,
  pickOption,
  pickSuggestion,
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
      await sees(running, 'P3');
      await noSeriousViolations(page, `campaigns list as ${role}`);
      await page.getByRole('textbox', { name: 'Search' }).fill('running');
      await counts(table.getByRole('row'), 2);
      await sees(table, 'Running review');
      await page.getByRole('textbox', { name: 'Search' }).fill('');
      await counts(table.getByRole('row'), 3);
      await pickOption(page.getByRole('combobox', { name: 'Status' }), /^cancelled$/);
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

  it('launches a campaign from the form, counting what it selects before the launch', async () => {
    const page = await app.signIn(browser, 'ceo', '/campaigns', ['admin']);
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();
    const preview = page.getByRole('status', { name: 'Launch preview' });
    await sees(preview, '7 items of 6 identities in 2 applications');

    await page.getByLabel(/^Title/).fill('CRM review from the form');
    await page.getByLabel(/^Due date/).fill(inDays(20).slice(0, 10));
    await pickSuggestion(page.getByRole('combobox', { name: 'Applications' }), 'cr', /CRM \(crm\)/);
    await sees(preview, '5 items of 5 identities in 1 application');
    await chooseFromMenu(page.getByRole('button', { name: 'Add a rule' }), 'Owner of the application');
    await page.getByRole('button', { name: 'Move Owner of the application up' }).click();
    const rules = page.getByRole('list', { name: 'Reviewer strategy' }).getByRole('listitem');
    await sees(rules.first(), 'Owner of the application');
    await sees(rules.nth(1), 'Line manager of the person');
    await pickSuggestion(
      page.getByRole('combobox', { name: 'Default reviewer' }),
      'Default',
      /Default Reviewer \(dflt\)/,
    );
    // mgr owns the CRM but may not review their own access: that item falls to their line manager.
    const byRule = page.getByRole('table', { name: 'Items by reviewer rule' });
    await sees(byRule.getByRole('row').filter({ hasText: 'Owner of the application' }), '41');
    await sees(byRule.getByRole('row').filter({ hasText: 'Line manager' }), '11');
    await page.getByRole('switch', { name: /forward items to someone else/ }).uncheck();
    await pickOption(
      page.getByRole('combobox', { name: 'Apply decisions' }),
      /When an administrator applies them/,
    );
    await pickOption(page.getByRole('combobox', { name: 'Priority' }), /1 · highest/);
    await page.getByRole('switch', { name: 'Offline review' }).check();
    // A delta review of a ledger nobody has certified yet still takes everything in scope.
    await page.getByRole('switch', { name: 'Full review' }).uncheck();
    await sees(preview, '5 items of 5 identities in 1 application');
    await noSeriousViolations(page, 'new campaign form');

    await page.getByRole('button', { name: 'Launch campaign' }).click();
    await page.getByRole('heading', { name: /CRM review from the form/ }).waitFor();
    await sees(page.getByLabel(/^Status:/), 'active');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await sees(
      page.getByRole('table', { name: 'Settings' }).getByRole('row', { name: /Priority/ }),
      '1 of 5',
    );
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const launched = await app.admin<{
      scope: { applicationKeys: string[] };
      reviewers: { strategy: string[]; defaultReviewerKey: string };
      priority: number;
      options: { allowSelfDelegation: boolean; remediation: { applyDecisions: string } };
      counts: { total: number };
    }>('GET', `/api/v1/campaigns/${id}`);
    expect(launched).toMatchObject({
      scope: { applicationKeys: ['crm'] },
      reviewers: { strategy: ['applicationowner', 'linemanager'], defaultReviewerKey: 'dflt' },
      priority: 1,
      options: {
        allowSelfDelegation: false,
        fullReview: false,
        offlineReview: true,
        remediation: { applyDecisions: 'manual' },
      },
      counts: { total: 5 },
    });
    await page.context().close();
  });

  it('says what is wrong with a form the API refuses, and launches nothing', async () => {
    const before = (await app.admin<{ items: unknown[] }>('GET', '/api/v1/campaigns?limit=100')).items.length;
    const page = await app.signIn(browser, 'ceo', '/campaigns/new', ['admin']);
    await page.getByLabel(/^Title/).fill('Reminders too often');
    await pickSuggestion(
      page.getByRole('combobox', { name: 'Default reviewer' }),
      'Default',
      /Default Reviewer \(dflt\)/,
    );
    // One minute: more often than the API allows.
    await page.getByRole('textbox', { name: 'Then remind every', exact: true }).fill('1');
    await pickOption(
      page.getByRole('group', { name: 'Then remind every' }).getByRole('combobox', { name: 'Unit' }),
      /^minutes$/,
    );
    await page.getByRole('button', { name: 'Launch campaign' }).click();
    const alert = page.getByRole('alert');
    await sees(alert, 'The campaign was not launched');
    await sees(alert, 'options.notifications.reminders.every');
    expect((await app.admin<{ items: unknown[] }>('GET', '/api/v1/campaigns?limit=100')).items.length).toBe(
      before,
    );
    await page.context().close();
  });

  it('offers no New campaign to auditors, and the API refuses their launch', async () => {
    const page = await app.signIn(browser, 'ceo', '/campaigns', ['auditor']);
    await page.getByRole('table', { name: 'Campaigns' }).waitFor();
    expect(await page.getByRole('link', { name: 'New campaign' }).count()).toBe(0);
    const status = await forcedPost(page, '/api/v1/campaigns', {
      title: 'Forced',
      dueAt: new Date(Date.now() + 864e5).toISOString(),
      reviewers: { defaultReviewerKey: 'dflt' },
    });
    expect(status).toBe(403);
    await page.goto(`${app.url}/campaigns/new`);
    await sees(page.getByRole('alert'), 'Only administrators launch campaigns.');
    await counts(page.getByRole('button', { name: 'Launch campaign' }), 0);
    await page.context().close();
  });
});
