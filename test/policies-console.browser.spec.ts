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

/** Issue 14, item 5 (first part): the policies list, seed 002's XML imported and exported, activation, a run now. */
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
});
