import * as fs from 'node:fs';
import * as path from 'node:path';
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
import { smallLedger } from './support/ledger-fixture';

const SEED_XML = fs.readFileSync(path.join(__dirname, 'fixtures', 'policy-seed-002.xml'), 'utf8');
const SEED_ID = 'fa037d3a-8cc7-4ceb-aaf1-2d883f9e4c3e';

interface Policy {
  id: string;
  name: string;
  active: boolean;
  identityScope: object;
  roleAssignmentScope: object;
  schedules: { mode: string; paused: boolean; nextRunTimes: string[] }[] | null;
}

const SALES_ID = 'sales-access';
/** Everything of the Sales employees except CRM Admin, which seed 002's policy already reviews. */
const NOT_CRITICAL = {
  and: [
    { prop: { name: 'application.id', op: 'IN', values: ['crm', 'erp'] } },
    { not: { prop: { name: 'role.critical', op: 'EQUALS', value: true } } },
  ],
};

/** Issue 14, item 5: the policies list, seed 002's XML imported and exported, activation, a run now, the editor. */
describeInBrowser('Policies in the console', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await BrowserRecert.start();
    await app.admin('POST', '/api/v1/ledger/imports', smallLedger());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('imports the seed 002 XML policy, shows its schedules, exports it, runs it now and deactivates it', async () => {
    const page = await app.signIn(browser, 'ceo', '/', ['admin']);
    await page.getByRole('link', { name: 'Policies' }).click();
    await sees(page.locator('main'), 'No recertification policy yet.');
    await noSeriousViolations(page, 'empty policies list');

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import XML policy' }).click(),
    ]);
    await chooser.setFiles({
      name: 'policy.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(SEED_XML),
    });
    await sees(page.getByRole('status'), `(${SEED_ID})`);
    const table = page.getByRole('table', { name: 'Policies' });
    await counts(table.getByRole('row'), 1 + 1);
    const stored = await app.admin<Policy>('GET', `/api/v1/policies/${SEED_ID}`);
    expect(stored.active).toBe(true);
    await sees(table, stored.name);
    await sees(table, 'Every 1 years');
    await sees(table, 'P6M');
    const campaignRun = stored.schedules?.find((s) => s.mode === 'campaign');
    expect(campaignRun?.nextRunTimes.length).toBeGreaterThan(0);
    const shown = await page.evaluate((iso) => new Date(iso).toLocaleString(), campaignRun!.nextRunTimes[0]);
    await sees(table, `Campaign: ${shown}`);
    await noSeriousViolations(page, 'policies list');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Export ${stored.name} as XML` }).click(),
    ]);
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain(`id="${SEED_ID}"`);
    expect(exported).toContain('role.critical');

    const preview = await app.admin<{ assignments: number }>('POST', '/api/v1/policies/preview', {
      identityScope: stored.identityScope,
      roleAssignmentScope: stored.roleAssignmentScope,
    });
    expect(preview.assignments).toBeGreaterThan(0);
    await table.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run now' }).click();
    const launched = page.getByRole('link', { name: /Campaign launched with/ });
    await sees(launched, `Campaign launched with ${preview.assignments} items`);
    await table.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await sees(table, 'Inactive');
    expect((await app.admin<Policy>('GET', `/api/v1/policies/${SEED_ID}`)).active).toBe(false);

    await counts(table.getByRole('button', { name: 'Run now' }), 0);
    await launched.click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.context().close();
  });

  it('shows auditors the policies without any action, and refuses an activation forced from the page', async () => {
    const page = await app.signIn(browser, 'ceo', '/policies', ['auditor']);
    const table = page.getByRole('table', { name: 'Policies' });
    await table.waitFor();
    await counts(page.getByRole('button', { name: 'Import XML policy' }), 0);
    await counts(table.getByRole('button'), 0);
    const before = (await app.admin<Policy>('GET', `/api/v1/policies/${SEED_ID}`)).active;
    await noSeriousViolations(page, 'policies as auditor');
    expect(await forcedPost(page, `/api/v1/policies/${SEED_ID}/activate`)).toBe(403);
    expect((await app.admin<Policy>('GET', `/api/v1/policies/${SEED_ID}`)).active).toBe(before);
    await page.context().close();
  });

  it('creates a policy from the form with a live count, is refused activation for an overlap, and edits it to activate', async () => {
    await app.admin('POST', `/api/v1/policies/${SEED_ID}/activate`);
    const page = await app.signIn(browser, 'ceo', '/policies', ['admin']);
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New policy' }).waitFor();
    const main = page.locator('main');
    await main.getByRole('textbox', { name: 'Id', exact: true }).fill(SALES_ID);
    await main.getByRole('textbox', { name: 'Name', exact: true }).fill('Sales access review');
    await main.getByLabel('Identity types').fill('employee');
    await main.getByLabel('Identity types').press('Enter');

    const preview = page.getByRole('status', { name: 'Policy preview' });
    // Every employee's active assignments: alice ×2, bob, ceo, mgr, dave (carol is a contractor).
    await sees(preview, '6 assignments today.');
    const identity = page.getByRole('group', { name: 'Identity scope' });
    await identity.getByRole('button', { name: 'Add a condition' }).click();
    await pickOption(identity.getByLabel('Identity scope condition 1 field'), /^department$/);
    await identity.getByLabel('Identity scope condition 1 value').fill('Sales');
    await sees(preview, '4 assignments today.');
    const assignment = page.getByRole('group', { name: 'Assignment scope' });
    await assignment.getByRole('button', { name: 'Add a condition' }).click();
    await pickOption(assignment.getByLabel('Assignment scope condition 1 field'), /^application\.id$/);
    await pickOption(assignment.getByLabel('Assignment scope condition 1 operator'), /^is one of$/);
    await assignment.getByLabel('Assignment scope condition 1 value').fill('crm, erp');
    // Never certified, all due, but the two CRM Admin ones are under review in the campaign run above.
    await sees(preview, '4 assignments today. 2 assignments due for recertification (P1Y).');
    await sees(page.getByRole('table', { name: 'Sample of the selected assignments' }), 'crm-admin');

    await page
      .getByRole('radiogroup', { name: 'Campaign schedule' })
      .getByText('Cron', { exact: true })
      .click();
    await main.getByLabel('Cron expression').fill('0 6 1 */3 *');
    await chooseFromMenu(page.getByRole('button', { name: 'Add a rule' }), 'Owner of the application');
    await page.getByRole('button', { name: 'Move Owner of the application up' }).click();
    await pickSuggestion(
      main.getByRole('combobox', { name: 'Default reviewer' }),
      'Default',
      /Default Reviewer \(dflt\)/,
    );
    await noSeriousViolations(page, 'new policy form');
    await page.getByRole('button', { name: 'Create policy' }).click();

    await sees(page.getByRole('status').filter({ hasText: 'Policy created' }), 'inactive');
    expect(new URL(page.url()).pathname).toBe(`/policies/${SALES_ID}`);
    const created = await app.admin<Policy & Record<string, unknown>>('GET', `/api/v1/policies/${SALES_ID}`);
    expect(created).toMatchObject({
      active: false,
      identityScope: {
        objectTypes: ['employee'],
        expression: { prop: { name: 'department', op: 'EQUALS', value: 'Sales' } },
      },
      roleAssignmentScope: {
        expression: { prop: { name: 'application.id', op: 'IN', values: ['crm', 'erp'] } },
      },
      recertificationPeriod: 'P1Y',
      campaignExecutionPlan: { scheduleType: 'CRON', cron: '0 6 1 */3 *' },
      workflowStrategy: {
        reviewers: { strategy: ['applicationowner', 'linemanager'], defaultReviewerKey: 'dflt' },
        dueIn: 'P30D',
        options: { commentRequired: 'revoke', remediation: { connector: 'embedded' } },
      },
    });

    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await sees(dialog.getByRole('alert'), `active policy ${SEED_ID}`);
    expect((await app.admin<Policy>('GET', `/api/v1/policies/${SALES_ID}`)).active).toBe(false);
    await noSeriousViolations(page, 'activation refused');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    await assignment.getByText('JSON', { exact: true }).click();
    const json = assignment.getByLabel('Assignment scope (JSON)');
    await json.fill('{"and": [');
    await sees(assignment, 'not valid JSON');
    await json.fill(JSON.stringify(NOT_CRITICAL));
    await sees(preview, '2 assignments today.');
    await sees(assignment, 'edited as JSON');
    expect(await assignment.getByRole('radio', { name: 'Conditions' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Save policy' }).click();
    await sees(page.getByRole('status').filter({ hasText: 'Saved' }), 'Saved.');
    const saved = await app.admin<Policy>('GET', `/api/v1/policies/${SALES_ID}`);
    expect(saved.roleAssignmentScope).toEqual({ expression: NOT_CRITICAL });
    expect(saved).toMatchObject({ workflowStrategy: { reviewers: { defaultReviewerKey: 'dflt' } } });

    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await sees(page.locator('main').getByText('Active', { exact: true }).first(), 'Active');
    const active = await app.admin<Policy>('GET', `/api/v1/policies/${SALES_ID}`);
    expect(active.active).toBe(true);
    expect(active.schedules?.find((s) => s.mode === 'campaign')).toMatchObject({ paused: false });
    await page.reload();
    expect(JSON.parse(await page.getByLabel('Assignment scope (JSON)').inputValue())).toEqual(NOT_CRITICAL);
    expect(await page.getByLabel('Identity scope condition 1 value').inputValue()).toBe('Sales');
    await page.context().close();
  });

  it('shows auditors a policy read-only, without any action, and refuses a change forced from the page', async () => {
    const page = await app.signIn(browser, 'ceo', `/policies/${SALES_ID}`, ['auditor']);
    await page.getByRole('heading', { name: 'Sales access review' }).waitFor();
    const main = page.locator('main');
    expect(await main.getByLabel('Identity scope condition 1 value').isDisabled()).toBe(true);
    expect(await main.getByRole('textbox', { name: 'Name', exact: true }).isDisabled()).toBe(true);
    for (const name of [
      'Save policy',
      'Delete policy',
      'Activate',
      'Deactivate',
      'Run now',
      'Add a condition',
      'Add a rule',
    ]) {
      await counts(main.getByRole('button', { name }), 0);
    }
    await counts(main.getByRole('button', { name: /^(Remove|Move) / }), 0);
    await sees(main.getByRole('status', { name: 'Policy preview' }), '2 assignments today.');
    await noSeriousViolations(page, 'policy as auditor');
    expect(await forcedPost(page, `/api/v1/policies/${SALES_ID}/deactivate`)).toBe(403);
    expect((await app.admin<Policy>('GET', `/api/v1/policies/${SALES_ID}`)).active).toBe(true);

    await page.goto(`${app.url}/policies/new`);
    await sees(page.getByRole('alert'), 'Only administrators create policies.');
    await counts(main.getByRole('button', { name: 'Create policy' }), 0);
    await page.context().close();
  });
});
