import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  describeInBrowser,
  isFocused,
  itemRow,
  noSeriousViolations,
  sees,
  startInChromium,
} from './support/browser';
import { eventually } from './support/harness';
import { managersCampaign, smallLedger } from './support/ledger-fixture';

/** Past the type-ahead's debounce (200 ms) and its search: long enough for a picked person to be lost. */
const SETTLE_MS = 800;

/**
 * Issue 29, point 3: a forward is saved whichever way the person is picked (the mouse, or ↓ and Enter),
 * carries an optional reason, and the reviewer it goes to reads who sent it and why on the item.
 */
describeInBrowser('Reviewer forward', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(smallLedger()));
  });
  afterAll(() => closeInChromium(browser, app));

  it('picks the person with the mouse, saves the forward with its reason, and shows it to the new reviewer', async () => {
    const { id } = await app.launch(managersCampaign('Forward with the mouse'));
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`);
    const alice = itemRow(page, 'Alice', 'ERP User');
    await alice.getByRole('button', { name: 'Forward' }).click();
    await page.getByRole('combobox', { name: 'Forward to' }).fill('Cleo');
    await page.getByRole('option', { name: /Cleo CEO \(ceo\)/ }).click();
    await page.waitForTimeout(SETTLE_MS);
    const save = page.getByRole('button', { name: 'Save forward' });
    expect(await save.isEnabled()).toBe(true);
    const reason = 'Alice moved to the ERP team: Cleo owns ERP now';
    await page.getByRole('textbox', { name: 'Reason (optional)' }).fill(reason);
    await noSeriousViolations(page, 'forward popover');
    await save.click();
    await sees(alice, 'Draft: Forward to ceo');
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await eventually(
      async () => ((await alice.count()) === 0 ? true : undefined),
      10_000,
      'the item to leave',
    );

    const [stored] = await app.recert.query<{
      responsible_reviewer_key: string;
      forwarded_by: string;
      forward_reason: string;
    }>(
      `SELECT responsible_reviewer_key, forwarded_by, forward_reason FROM review_item
       WHERE campaign_id = $1 AND identity_key = 'alice' AND permission_key = 'erp-user'`,
      [id],
    );
    expect(stored).toEqual({ responsible_reviewer_key: 'ceo', forwarded_by: 'mgr', forward_reason: reason });
    const [audit] = await app.recert.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_event WHERE campaign_id = $1 AND action = 'item.forwarded'`,
      [id],
    );
    expect(audit.after).toMatchObject({ responsible: 'ceo', forwardReason: reason });

    const ceo = await app.signIn(browser, 'ceo', `/reviews/${id}`);
    await sees(itemRow(ceo, 'Alice', 'ERP User'), `Forwarded by Mona Manager: ${reason}`);
    await noSeriousViolations(ceo, 'forwarded item');
    await ceo.context().close();
    await page.context().close();
  });

  it('forwards with the keyboard only: ↓ and Enter pick the person, Tab reaches the reason and Save forward', async () => {
    const { id } = await app.launch(
      managersCampaign('Forward with the keyboard', { options: { allowSelfDelegation: false } }),
    );
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`);
    const alice = itemRow(page, 'Alice', 'ERP User');
    // Into the table from the page's first row, then along the row with Tab: no mouse.
    await alice.waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const forward = alice.getByRole('button', { name: 'Forward' });
    for (let i = 0; i < 40 && !(await forward.evaluate((el) => el === el.ownerDocument.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await isFocused(forward);
    await page.keyboard.press('Enter');
    const to = page.getByRole('combobox', { name: 'Forward to' });
    await isFocused(to);
    await page.keyboard.type('Cleo', { delay: 50 });
    await page.getByRole('option', { name: /Cleo CEO \(ceo\)/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(SETTLE_MS);
    await page.keyboard.press('Tab');
    await isFocused(page.getByRole('textbox', { name: 'Reason (optional)' }));
    await page.keyboard.type('Not in my team any more', { delay: 10 });
    await page.keyboard.press('Tab');
    const save = page.getByRole('button', { name: 'Save forward' });
    await isFocused(save);
    expect(await save.isEnabled()).toBe(true);
    await page.keyboard.press('Enter');
    await sees(alice, 'Draft: Forward to ceo');
    await page.keyboard.press('Control+Enter');
    await sees(alice, 'Sent for reassignment');
    await sees(alice, 'You forwarded it: Not in my team any more');

    const [stored] = await app.recert.query<{ status: string; forward_reason: string }>(
      `SELECT status, forward_reason FROM review_item
       WHERE campaign_id = $1 AND identity_key = 'alice' AND permission_key = 'erp-user'`,
      [id],
    );
    expect(stored).toEqual({ status: 'reassign', forward_reason: 'Not in my team any more' });
    await page.context().close();
  });

  it('refuses a reason longer than 1,000 characters', async () => {
    const { id } = await app.launch(managersCampaign('Forward reason bound'));
    const [item] = await app.recert.query<{ id: string }>(
      `SELECT id FROM review_item WHERE campaign_id = $1 AND responsible_reviewer_key = 'mgr' LIMIT 1`,
      [id],
    );
    const res = await app.recert
      .as('mgr')
      .put(`/api/v1/reviews/${item.id}/draft`)
      .send({ decision: 'forward', forwardTo: 'ceo', forwardReason: 'x'.repeat(1001) });
    expect(res.status).toBe(400);
    const ok = await app.recert
      .as('mgr')
      .put(`/api/v1/reviews/${item.id}/draft`)
      .send({ decision: 'forward', forwardTo: 'ceo', forwardReason: 'x'.repeat(1000) });
    expect(ok.status).toBe(200);
  });
});
