import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { eventually } from './support/harness';
import {
  BrowserRecert,
  counts,
  describeInBrowser,
  forcedPost,
  doesNotSee,
  launchChromium,
  noSeriousViolations,
  readmeScreenshot,
  sees,
  pickSuggestion,
} from './support/browser';
import { inDays, smallLedger } from './support/ledger-fixture';

interface Item {
  id: string;
  identityKey: string;
  permissionKey: string;
  status: string;
}

/** Issue 14, items 1, 3 and 4: a campaign's page, its lifecycle, the reassignment queue, applying decisions. */
describeInBrowser('Campaign page of the console', () => {
  let app: BrowserRecert;
  let browser: Browser;
  let running: { id: string };
  let closing: { id: string };
  let ending: { id: string };

  const reviewer = (sub: string) => app.recert.as(sub, 'reviewer');
  const itemsOf = async (sub: string, campaignId: string) =>
    (await reviewer(sub).get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items as Item[];

  beforeAll(async () => {
    browser = await launchChromium();
    app = await BrowserRecert.start();
    await app.admin('POST', '/api/v1/ledger/imports', smallLedger());
    const reviewers = { strategy: ['linemanager'], defaultReviewerKey: 'dflt' };
    running = await app.launch({
      title: 'Quarterly access review',
      description: 'Sales and finance access, Q4.',
      dueAt: inDays(9),
      reviewers,
      options: { allowSelfDelegation: false },
    });
    closing = await app.launch({
      title: 'Leavers review',
      dueAt: inDays(9),
      reviewers,
      options: { remediation: { applyDecisions: 'manual', connector: 'embedded' } },
    });
    ending = await app.launch({ title: 'Contractors review', dueAt: inDays(30), reviewers });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows where a campaign stands: counts by status, reviewers with their pending items, the timeline', async () => {
    const [first] = await itemsOf('mgr', running.id);
    await reviewer('mgr')
      .post(`/api/v1/campaigns/${running.id}/decisions`, {
        decisions: [{ itemId: first.id, decision: 'approve' }],
      })
      .expect(200);
    const page = await app.signIn(browser, 'ceo', '/campaigns', ['admin']);
    await sees(page.getByRole('table', { name: 'Campaigns' }), 'Contractors review');
    await readmeScreenshot(page, 'console-campaigns');
    await page.getByRole('link', { name: 'Quarterly access review' }).click();
    await page.getByRole('heading', { name: /Quarterly access review/ }).waitFor();
    const legend = page.getByRole('list', { name: 'Items by status' });
    await sees(legend, 'Approved: 1');
    await sees(legend, 'To be reviewed: 6');
    const reviewers = page.getByRole('table', { name: 'Progress by reviewer' });
    await counts(reviewers.getByRole('row'), 4);
    const mona = reviewers.getByRole('row').filter({ hasText: 'Mona Manager' });
    await sees(mona, '1 of 4 decided');
    expect((await mona.textContent()) ?? '').not.toContain('None yet');
    await sees(reviewers.getByRole('row').filter({ hasText: 'Default Reviewer' }), 'None yet');
    const workflow = page.getByRole('link', { name: /Workflow in Temporal/ });
    expect(await workflow.getAttribute('href')).toMatch(/\/namespaces\/[^/]+\/workflows\/campaign-/);
    await noSeriousViolations(page, 'campaign page');
    await readmeScreenshot(page, 'console-campaign');

    await page.getByRole('tab', { name: 'Applications' }).click();
    await sees(page.getByRole('table', { name: 'Progress by application' }), 'CRM');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await sees(page.getByLabel('Timeline'), 'Created');
    await sees(page.getByLabel('Timeline'), 'Active: reviewers notified');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await sees(page.getByRole('table', { name: 'Settings' }), 'Line manager → Default Reviewer');
    await noSeriousViolations(page, 'campaign page, settings');
    await page.context().close();
  });

  it('pauses and resumes with a confirmation, shows the refusal of a stale action, and reminds the reviewers', async () => {
    const page = await app.signIn(browser, 'ceo', `/campaigns/${running.id}`, ['admin']);
    const status = page.getByLabel(/^Status:/);
    await sees(status, 'active');
    await page.getByRole('button', { name: 'Pause' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause the campaign?' });
    await noSeriousViolations(page, 'pause confirmation');
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await sees(status, 'paused');
    expect(await page.getByRole('button', { name: 'Send reminders' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Resume' }).click();
    await page
      .getByRole('dialog', { name: 'Resume the campaign?' })
      .getByRole('button', { name: 'Resume' })
      .click();
    await sees(status, 'active');

    // Someone else pauses it meanwhile: this page still offers Pause, and the workflow says why not.
    await app.admin('POST', `/api/v1/campaigns/${running.id}/pause`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page
      .getByRole('dialog', { name: 'Pause the campaign?' })
      .getByRole('button', { name: 'Pause' })
      .click();
    await sees(page.getByRole('dialog').getByRole('alert'), 'paused');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
    await sees(status, 'paused');
    await app.admin('POST', `/api/v1/campaigns/${running.id}/resume`);
    await page.reload();
    await sees(status, 'active');

    await page.getByRole('button', { name: 'Send reminders' }).click();
    const remind = page.getByRole('dialog', { name: 'Send reminders now?' });
    await sees(remind, '2 reviewers with undecided items will get a reminder');
    await sees(remind, 'Mona Manager has no e-mail address in the ledger.');
    await remind.getByRole('button', { name: 'Send reminders' }).click();
    await sees(page.getByRole('status'), 'Reminders sent to 2 reviewers.');
    await page.context().close();
  });

  it('finalizes a campaign now and cancels another, each after a confirmation', async () => {
    const page = await app.signIn(browser, 'ceo', `/campaigns/${ending.id}`, ['admin']);
    const status = page.getByLabel(/^Status:/);
    await sees(status, 'active');
    await page.getByRole('button', { name: 'Finalize now' }).click();
    const finalize = page.getByRole('dialog', { name: 'Finalize the campaign now?' });
    await sees(finalize, 'cannot be undone');
    await finalize.getByRole('button', { name: 'Finalize now' }).click();
    await app.recert.waitForCampaign(ending.id, 'closed');
    await page.reload();
    await sees(status, 'closed');
    await counts(page.getByRole('button', { name: 'Cancel campaign' }), 0);

    const doomed = await app.launch({
      title: 'Mistaken launch',
      dueAt: inDays(5),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    });
    await page.goto(`${app.url}/campaigns/${doomed.id}`);
    await page.getByRole('button', { name: 'Cancel campaign' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel the campaign?' });
    await noSeriousViolations(page, 'cancel confirmation');
    await cancel.getByRole('button', { name: 'Cancel campaign' }).click();
    await sees(status, 'cancelled');
    await counts(page.getByRole('button', { name: 'Pause' }), 0);
    await page.context().close();
  });

  it('downloads the report with one row per item, audited once; the bare URL opened by the browser is refused', async () => {
    const exports = () =>
      app.recert.query<{ actor: string; via: string }>(
        `SELECT actor, via FROM audit_event WHERE action = 'report.exported' AND campaign_id = $1`,
        [running.id],
      );
    const page = await app.signIn(browser, 'ceo', `/campaigns/${running.id}`, ['admin']);
    // What a link or a redirect of another site makes the browser do: a top-level GET with the cookie.
    const bare = await page.goto(`${app.url}/api/v1/campaigns/${running.id}/report.csv`);
    expect(bare!.status()).toBe(403);
    expect(await exports()).toEqual([]);
    await page.goto(`${app.url}/campaigns/${running.id}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report' }).click(),
    ]);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(1 + 7);
    expect(csv.filter((line) => line.includes('Alice · CRM · CRM Admin'))).toHaveLength(1);
    expect(await exports()).toEqual([{ actor: 'ceo', via: expect.stringMatching(/^session:/) }]);
    expect(await app.recert.query(`SELECT 1 FROM report_export_link`)).toEqual([]);
    await page.context().close();
  });

  it('empties the reassignment queue: an item forwarded without self-delegation goes to the chosen person', async () => {
    const item = (await itemsOf('mgr', running.id)).find((i) => i.identityKey === 'bob')!;
    await reviewer('mgr')
      .post(`/api/v1/campaigns/${running.id}/decisions`, {
        decisions: [{ itemId: item.id, decision: 'forward', forwardTo: 'ceo' }],
      })
      .expect(200);
    const page = await app.signIn(browser, 'ceo', `/campaigns/${running.id}`, ['admin']);
    await page.getByRole('tab', { name: 'Reassignment queue (1)' }).click();
    const queue = page.getByRole('table', { name: 'Reassignment queue' });
    await sees(queue, 'Bob · CRM · CRM User');
    await sees(queue, 'ceo');
    await noSeriousViolations(page, 'reassignment queue');
    await queue.getByRole('checkbox', { name: 'Select Bob · CRM · CRM User' }).check();
    await pickSuggestion(
      page.getByRole('combobox', { name: 'Reassign to' }),
      'Default',
      /Default Reviewer \(dflt\)/,
    );
    await page.getByRole('button', { name: /^Reassign 1/ }).click();
    await sees(page.getByRole('tabpanel'), 'No item waits to be reassigned.');
    expect((await itemsOf('dflt', running.id)).map((i) => i.id)).toContain(item.id);

    // Another one goes back to the reviewer accountable for it.
    const other = (await itemsOf('mgr', running.id)).find((i) => i.identityKey === 'carol')!;
    await reviewer('mgr')
      .post(`/api/v1/campaigns/${running.id}/decisions`, {
        decisions: [{ itemId: other.id, decision: 'forward', forwardTo: 'ceo' }],
      })
      .expect(200);
    expect((await itemsOf('mgr', running.id)).find((i) => i.id === other.id)?.status).toBe('reassign');
    await page.reload();
    await page.getByRole('tab', { name: 'Reassignment queue (1)' }).click();
    await queue.getByRole('checkbox', { name: 'Select Carol · CRM · CRM User' }).check();
    await page.getByRole('button', { name: 'Reset delegation' }).click();
    await sees(page.getByRole('tabpanel'), 'No item waits to be reassigned.');
    expect((await itemsOf('mgr', running.id)).find((i) => i.id === other.id)?.status).toBe('to_be_reviewed');
    await page.context().close();
  });

  it('applies the decisions of a closed campaign after a dry run, then follows and closes the remediations', async () => {
    for (const sub of ['mgr', 'dflt', 'ceo']) {
      const items = await itemsOf(sub, closing.id);
      await reviewer(sub)
        .post(`/api/v1/campaigns/${closing.id}/decisions`, {
          decisions: items.map((i) => ({
            itemId: i.id,
            decision: i.identityKey === 'carol' || i.identityKey === 'dave' ? 'revoke' : 'approve',
            comment: 'no longer needed',
          })),
        })
        .expect(200);
    }
    await app.recert.waitForCampaign(closing.id, 'closed');
    const page = await app.signIn(browser, 'ceo', `/campaigns/${closing.id}`, ['admin']);
    await page.getByRole('button', { name: 'Apply decisions' }).click();
    const dialog = page.getByRole('dialog', { name: /Apply the decisions of/ });
    await sees(dialog, '2 remediations will be created');
    const byType = dialog.getByRole('table', { name: 'Remediations by type and action' });
    await sees(byType.getByRole('row').filter({ hasText: 'embedded' }), 'revoke2');
    const decisions = dialog.getByRole('table', { name: 'Decisions to apply' });
    await counts(decisions.getByRole('row'), 3);
    await sees(decisions, 'Carol · CRM · CRM User');
    await noSeriousViolations(page, 'apply decisions dry run');
    expect(
      (await app.admin<{ items: unknown[] }>('GET', `/api/v1/remediations?campaignId=${closing.id}`)).items,
    ).toEqual([]);
    await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await sees(dialog.getByRole('status'), 'Decisions applied: 2 remediations created.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await page.getByRole('button', { name: 'Apply decisions' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Remediations' }).click();
    const table = page.getByRole('table', { name: 'Remediations' });
    await eventually(
      async () =>
        (await table.getByRole('row').filter({ hasText: 'Open' }).count()) === 2 ? true : undefined,
      30_000,
      'two open remediations',
    );
    await noSeriousViolations(page, 'remediations');
    await table
      .getByRole('row')
      .filter({ hasText: 'Carol' })
      .getByRole('button', { name: 'Details' })
      .click();
    const drawer = page.getByRole('dialog', { name: 'Remediation' });
    await drawer.getByLabel('Comment').fill('Removed by hand in the CRM');
    await drawer.getByRole('button', { name: 'Close as done' }).click();
    await sees(drawer, 'Done');
    await drawer.getByRole('button', { name: 'Close panel' }).click();
    await sees(table.getByRole('row').filter({ hasText: 'Carol' }), 'Done');
    await page.context().close();
  });

  it('shows auditors the same pages without a single action; a forced action is refused', async () => {
    const page = await app.signIn(browser, 'ceo', `/campaigns/${running.id}`, ['auditor']);
    await page.getByRole('heading', { name: /Quarterly access review/ }).waitFor();
    await page.getByRole('button', { name: 'Download report' }).waitFor();
    for (const name of [
      'Pause',
      'Resume',
      'Finalize now',
      'Cancel campaign',
      'Send reminders',
      'Apply decisions',
    ])
      expect({ name, shown: await page.getByRole('button', { name }).count() }).toEqual({ name, shown: 0 });
    await page.getByRole('tab', { name: /Reassignment queue/ }).click();
    await doesNotSee(page.getByRole('tabpanel'), 'Reset delegation');
    await noSeriousViolations(page, 'campaign page as auditor');
    expect(await forcedPost(page, `/api/v1/campaigns/${running.id}/pause`)).toBe(403);
    expect(await forcedPost(page, `/api/v1/campaigns/${closing.id}/apply-decisions`)).toBe(403);
    expect((await app.admin<{ status: string }>('GET', `/api/v1/campaigns/${running.id}`)).status).toBe(
      'active',
    );
    await page.context().close();
  });
});
