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

/** Issue 14, item 7: the audit trail in the console, filtered, and its hash chain verified from the page. */
describeInBrowser('Audit trail in the console', () => {
  let app: BrowserRecert;
  let browser: Browser;
  let campaign: { id: string };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await BrowserRecert.start();
    await app.admin('POST', '/api/v1/ledger/imports', smallLedger());
    campaign = await app.launch({
      title: 'Audited review',
      dueAt: inDays(9),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    });
    await app.admin('POST', `/api/v1/campaigns/${campaign.id}/pause`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows auditors the trail, filtered by object and action, and verifies the chain', async () => {
    const page = await app.signIn(browser, 'ceo', '/', ['auditor']);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    const table = page.getByRole('table', { name: 'Audit entries' });
    await table.waitFor();
    await noSeriousViolations(page, 'audit trail');

    await page.getByLabel('Object id').fill(campaign.id);
    await page.getByLabel('Action').fill('campaign.paused');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=campaign\.paused/);
    const paused = await app.admin<{ items: { actor: string }[] }>(
      'GET',
      `/api/v1/audit?objectId=${campaign.id}&action=campaign.paused`,
    );
    expect(paused.items).toHaveLength(1);
    await counts(table.getByRole('row'), 1 + 1);
    await sees(table, 'campaign.paused');
    await sees(table, paused.items[0].actor);

    await page.getByLabel('Action').fill('no.such.action');
    await page.getByRole('button', { name: 'Filter' }).click();
    await sees(page.locator('main'), 'No entry matches these filters.');

    const verdict = await app.admin<{ valid: boolean; entries: number; headSeq: string }>(
      'GET',
      '/api/v1/audit/verify',
    );
    expect(verdict.valid).toBe(true);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const status = page.getByRole('status').filter({ hasText: 'The chain holds' });
    await sees(status, `${verdict.entries} entries verified; head #${verdict.headSeq}`);
    await noSeriousViolations(page, 'audit trail verified');
    await page.context().close();
  });

  it('says where the chain breaks when an entry was altered behind the API', async () => {
    const { recert } = app;
    const [{ id, seq }] = await recert.query<{ id: string; seq: string }>(
      `SELECT id, seq FROM audit_event WHERE action = 'campaign.paused' ORDER BY seq LIMIT 1`,
    );
    await recert.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await recert.query(`UPDATE audit_event SET actor = 'mallory' WHERE id = $1`, [id]);
    await recert.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`);
    const page = await app.signIn(browser, 'ceo', '/audit', ['auditor']);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The chain is broken' });
    await sees(alert, `Entry #${seq}`);
    await page.context().close();
  });

  it('keeps reviewers out of the trail', async () => {
    const reviewer = await app.signIn(browser, 'bob', '/');
    await reviewer.getByRole('heading', { name: 'My reviews' }).waitFor();
    await counts(reviewer.getByRole('link', { name: 'Audit trail' }), 0);
    await reviewer.goto(`${app.url}/audit`);
    await sees(reviewer.getByRole('alert'), 'This action needs one of the roles: admin, auditor.');
    await reviewer.context().close();
  });
});
