import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  doesNotSee,
  noSeriousViolations,
  pickOption,
  pickSuggestion,
  sees,
  startInChromium,
} from './support/browser';
import { eventually } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

/** Issue 29, point 17: the mail log in the console, filtered by campaign, person and event, each message opened. */
describeInBrowser('Mail in the console', () => {
  let app: BrowserRecert;
  let browser: Browser;
  let described: { id: string; number: string };

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(smallLedger()));
    const quiet = { notifications: { reminders: null, closingSoon: null, escalateAfter: null } };
    const reviewers = { strategy: ['linemanager'], defaultReviewerKey: 'dflt' };
    const { id } = await app.launch({
      title: 'Mail review',
      description: 'Yearly review of CRM and ERP rights.',
      dueAt: inDays(9),
      reviewers,
      options: quiet,
    });
    await app.launch({ title: 'Other review', dueAt: inDays(9), reviewers, options: quiet });
    described = {
      id,
      number: (await app.admin<{ number: string }>('GET', `/api/v1/campaigns/${id}`)).number,
    };
    // Invitations to the CEO and the default reviewer are sent; Mona has no address, so hers is not.
    await eventually(async () => {
      const log = await app.admin<{ items: unknown[] }>('GET', `/api/v1/mail?campaignId=${id}`);
      return log.items.length >= 3 ? true : undefined;
    });
  });
  afterAll(() => closeInChromium(browser, app));

  it('lets an auditor find a campaign’s invitation to one person and read it as sent', async () => {
    const page = await app.signIn(browser, 'ceo', '/', ['auditor']);
    await page.getByRole('link', { name: 'Mail', exact: true }).click();
    const table = page.getByRole('table', { name: 'Messages' });
    await table.waitFor();
    await sees(table, 'Invitation (campaign launched)');
    await noSeriousViolations(page, 'mail log');

    await pickOption(
      page.getByRole('combobox', { name: 'Campaign' }),
      new RegExp(`${described.number} · Mail review`),
    );
    await page.waitForURL(new RegExp(`campaign=${described.id}`));
    await pickOption(page.getByRole('combobox', { name: 'Event' }), /Invitation \(campaign launched\)/);
    await page.waitForURL(/event=campaign-launched/);
    await counts(table.getByRole('row'), 1 + 3);
    await pickSuggestion(
      page.getByRole('combobox', { name: 'Person (recipient)' }),
      'dflt',
      /Default Reviewer/,
    );
    await page.waitForURL(/person=dflt/);
    await counts(table.getByRole('row'), 1 + 1);

    await table.getByRole('button', { name: /Open message: .*to Default Reviewer/ }).click();
    const dialog = page.getByRole('dialog');
    await sees(dialog, `[${described.number}] Access review`);
    await sees(dialog, 'Default Reviewer (dflt) <iam@example.test>');
    await sees(dialog, 'Sent');
    const text = dialog.getByLabel('Text as sent');
    await sees(text, 'About this campaign:');
    await sees(text, 'Yearly review of CRM and ERP rights.');
    await sees(dialog.getByRole('link', { name: 'Download the message as sent (.eml)' }), 'Download');
    await noSeriousViolations(page, 'mail message');

    // The open message is part of the address: a link to it opens it.
    const address = page.url();
    expect(address).toMatch(/message=\d+/);
    await page.keyboard.press('Escape');
    await doesNotSee(page.locator('body'), 'Text as sent');
    expect(page.url()).not.toMatch(/message=/);
    await page.goto(address);
    await sees(page.getByRole('dialog').getByLabel('Text as sent'), 'Yearly review of CRM and ERP rights.');
    await page.context().close();
  });

  it('says why a message was not sent', async () => {
    const page = await app.signIn(browser, 'ceo', `/mail?campaign=${described.id}&person=mgr`, ['admin']);
    const table = page.getByRole('table', { name: 'Messages' });
    await counts(table.getByRole('row'), 1 + 1);
    await sees(table, 'not sent');
    await table.getByRole('button', { name: /Open message/ }).click();
    const dialog = page.getByRole('dialog');
    await sees(dialog, 'no e-mail address');
    await sees(dialog, 'Nothing was sent, so there is no text.');
    await page.context().close();
  });

  it('is not offered to reviewers', async () => {
    const page = await app.signIn(browser, 'mgr', '/');
    await page.getByRole('link', { name: 'My reviews' }).first().waitFor();
    await expect(page.getByRole('link', { name: 'Mail', exact: true }).count()).resolves.toBe(0);
    await page.goto(`${app.url}/mail`);
    await sees(page.getByRole('alert'), 'Messages: could not be loaded');
    await page.context().close();
  });
});
