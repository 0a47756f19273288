import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  noSeriousViolations,
  pickOption,
  pickSuggestion,
  sees,
  startInChromium,
} from './support/browser';
import { financeCampaign, financeLedger, reviewFinance } from './support/finance-fixture';
import { inDays } from './support/ledger-fixture';

interface CampaignView {
  options: {
    notifications: {
      reminders: { first: string; every: string | null } | null;
      escalateAfter: string | null;
    };
  };
  reviewers: { strategy: string[]; defaultReviewerKey: string };
}

/** Issue 29, points 11, 13, 14 and 16: the scope picker's keyboard, applying, honest progress, durations in words. */
describeInBrowser('Console fixes of issue 29', () => {
  let app: BrowserRecert;
  let browser: Browser;
  let closed: { id: string };
  let running: { id: string };

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(financeLedger()));
    closed = await app.launch({
      ...financeCampaign('Finance access review'),
      options: {
        notifications: { reminders: null, closingSoon: null, escalateAfter: null },
        remediation: { applyDecisions: 'manual', connector: 'embedded' },
      },
    });
    await reviewFinance((sub) => app.recert.as(sub, 'reviewer'), closed.id);
    await app.admin('POST', `/api/v1/campaigns/${closed.id}/finalize`);
    await app.recert.waitForCampaign(closed.id, 'closed');
    // Carl decides all of his (one item): he is done, and the console says so legibly.
    running = await app.launch({
      ...financeCampaign('General ledger review'),
      scope: { applicationKeys: ['gl'] },
    });
    const carl = (
      await app.recert.as('ctl', 'reviewer').get(`/api/v1/reviews?campaignId=${running.id}`).expect(200)
    ).body.items as { id: string }[];
    await app.recert
      .as('ctl', 'reviewer')
      .post(`/api/v1/campaigns/${running.id}/decisions`, {
        decisions: carl.map((i) => ({ itemId: i.id, decision: 'approve' })),
      })
      .expect(200);
  });
  afterAll(() => closeInChromium(browser, app));

  it('11: adds applications with the keyboard alone: typing, ↓ and Enter add the first match, never remove a chosen one', async () => {
    const page = await app.signIn(browser, 'ceo', '/campaigns/new', ['admin']);
    const picker = page.getByRole('combobox', { name: 'Applications' });
    const preview = page.getByRole('status', { name: 'Launch preview' });
    await sees(preview, '10 items of 5 identities in 4 applications');
    await picker.focus();
    await page.keyboard.type('SAP', { delay: 60 });
    await page.getByRole('option', { name: /SAP ERP \(sap\)/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await sees(preview, '2 items of 2 identities in 1 application');
    await page.keyboard.type('NetS', { delay: 60 });
    await page.getByRole('option', { name: /NetSuite \(netsuite\)/ }).waitFor();
    // The chosen SAP is not offered again: the only option is the match.
    await counts(page.getByRole('option'), 1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await sees(preview, '3 items of 3 identities in 2 applications');
    // Done picking: the list closes (open, it still points at the option just hidden by being picked).
    await page.keyboard.press('Escape');
    await noSeriousViolations(page, 'scope picker');
    await page.context().close();
  });

  it('16: picks durations as a number and a unit, launches with the ISO values, and says them in words', async () => {
    const page = await app.signIn(browser, 'ceo', '/campaigns/new', ['admin']);
    await page.getByLabel(/^Title/).fill('Durations in words');
    await page.getByLabel(/^Due date/).fill(inDays(20).slice(0, 10));
    await pickSuggestion(
      page.getByRole('combobox', { name: 'Default reviewer', exact: true }),
      'IAM',
      /IAM team \(iam\)/,
    );
    const first = page.getByRole('textbox', { name: 'First reminder after', exact: true });
    expect(await first.inputValue()).toBe('3');
    expect(
      await page
        .getByRole('group', { name: 'First reminder after' })
        .getByRole('combobox', { name: 'Unit' })
        .inputValue(),
    ).toBe('days');
    const every = page.getByRole('textbox', { name: 'Then remind every', exact: true });
    await every.fill('12');
    await pickOption(
      page.getByRole('group', { name: 'Then remind every' }).getByRole('combobox', { name: 'Unit' }),
      /^hours$/,
    );
    expect(await every.inputValue()).toBe('12');
    await noSeriousViolations(page, 'durations');
    await page.getByRole('button', { name: 'Launch campaign' }).click();
    await page.getByRole('heading', { name: /Durations in words/ }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const launched = await app.admin<CampaignView>('GET', `/api/v1/campaigns/${id}`);
    expect(launched.options.notifications.reminders).toEqual({ first: 'P3D', every: 'PT12H' });
    await page.getByRole('tab', { name: 'Settings' }).click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('settings');
    const settings = page.getByRole('table', { name: 'Settings' });
    await sees(settings.getByRole('row', { name: /Reminders/ }), 'after 3 days, then every 12 hours');
    await sees(settings.getByRole('row', { name: /^Reviewers/ }), 'Line manager → IAM team');
    await sees(settings.getByRole('row', { name: /Escalation/ }), 'after 5 days');
    await sees(settings.getByRole('row', { name: /Comment required/ }), 'when revoking');
    await page.reload();
    await sees(page.getByRole('table', { name: 'Settings' }), 'Line manager → IAM team');
    await page.context().close();
  });

  it('14: a closed campaign tells what reviewers decided apart from what the due date closed', async () => {
    const page = await app.signIn(browser, 'ceo', '/campaigns', ['auditor']);
    const list = page.getByRole('table', { name: 'Campaigns' });
    await sees(
      list.getByRole('row').filter({ hasText: 'Finance access review' }),
      '4 of 10 decided by reviewers · 6 closed at the due date',
    );
    await page.getByRole('link', { name: 'Finance access review' }).click();
    await page.getByRole('heading', { name: /Finance access review/ }).waitFor();
    await sees(
      page.getByText(/Reviewers decided/),
      'Reviewers decided 4 of 10 items; 6 were closed by the due-date rule',
    );
    const reviewers = page.getByRole('table', { name: 'Progress by reviewer' });
    const carl = reviewers.getByRole('row').filter({ hasText: 'Carl Controller' });
    await sees(carl, '0 of 2 decided by reviewers · 2 closed at the due date');
    await sees(carl, 'Not reviewed');
    expect(await carl.textContent()).not.toMatch(/Done|None yet/);
    const fiona = reviewers.getByRole('row').filter({ hasText: 'Fiona Finance' });
    await sees(fiona, '4 of 8 decided by reviewers · 4 closed at the due date');
    await sees(fiona, 'Partly reviewed');
    await noSeriousViolations(page, 'closed campaign');

    await page.goto(`${app.url}/campaigns/${running.id}`);
    const done = page
      .getByRole('table', { name: 'Progress by reviewer' })
      .getByRole('row')
      .filter({ hasText: 'Carl' });
    await sees(done, '1 of 1 decided by reviewers');
    await sees(done, 'Done');
    // The Done badge reads: white on dark teal, not teal on teal.
    await noSeriousViolations(page, 'running campaign with a reviewer done');
    await page.context().close();
  });

  it('13: after "Confirm and apply" only the success shows, nothing in red', async () => {
    const page = await app.signIn(browser, 'ceo', `/campaigns/${closed.id}`, ['admin']);
    await page.getByRole('button', { name: 'Apply decisions' }).click();
    const dialog = page.getByRole('dialog', { name: /Apply the decisions/ });
    await sees(dialog, '1 remediations will be created');
    await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await sees(dialog.getByRole('status'), 'Decisions applied: 1 remediations created.');
    // The campaign is read again (its header says so); the dry run is not asked again.
    await page.getByText(/Decisions applied .* by/).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await dialog.textContent()).not.toContain('Nothing to apply');
    await noSeriousViolations(page, 'decisions applied');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    // Opened again once applied (another administrator's tab, say): said plainly, not as an error.
    await page.goto(`${app.url}/campaigns/${closed.id}`);
    expect(await page.getByRole('button', { name: 'Apply decisions' }).count()).toBe(0);
    await page.context().close();
  });
});
