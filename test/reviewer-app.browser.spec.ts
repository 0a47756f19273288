import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import {
  BrowserRecert,
  closeInChromium,
  counts,
  describeInBrowser,
  doesNotSee,
  isFocused,
  itemRow,
  noSeriousViolations,
  pickSuggestion,
  sees,
  startInChromium,
} from './support/browser';
import { eventually } from './support/harness';
import { inDays, managersCampaign, smallLedger } from './support/ledger-fixture';

/**
 * The reviewer's web app in a real Chromium, signed in through the embedded development provider: seed
 * 000's page from My reviews to confirmed decisions.
 */
describeInBrowser('Reviewer web app', () => {
  let app: BrowserRecert;
  let browser: Browser;

  beforeAll(async () => {
    ({ browser, app } = await startInChromium(smallLedger()));
  });
  afterAll(() => closeInChromium(browser, app));

  it('signs in, lists the campaigns, keeps drafts across a reload, asks for a comment, confirms and discards', async () => {
    const { id } = await app.launch(
      managersCampaign('Sales access review', { options: { commentRequired: 'revoke' } }),
    );
    const page = await app.signIn(browser, 'mgr');
    const campaigns = page.getByRole('table', { name: 'Campaigns to review' });
    const listed = campaigns.getByRole('row').filter({ hasText: 'Sales access review' });
    await sees(listed, '4');
    await sees(listed, 'in 5 days');
    await noSeriousViolations(page, 'My reviews');

    await listed.getByRole('link', { name: 'Sales access review' }).click();
    await page.waitForURL(`${app.url}/reviews/${id}`);
    const items = page.getByRole('table', { name: 'Items to review' });
    await counts(items.getByRole('row'), 5); // the header and four items
    expect(
      await itemRow(page, 'Alice', 'CRM Admin')
        .getByRole('button', { name: /why\?$/ })
        .getAttribute('aria-label'),
    ).toMatch(/^Recommended/);
    expect(
      await itemRow(page, 'Alice', 'ERP User')
        .getByRole('button', { name: /why\?$/ })
        .getAttribute('aria-label'),
    ).toMatch(/^Not recommended/);
    await noSeriousViolations(page, 'campaign page');

    await itemRow(page, 'Bob', 'CRM User').getByRole('button', { name: 'Approve' }).click();
    await sees(itemRow(page, 'Bob', 'CRM User'), 'Draft: Approve');
    // Revoking needs a comment here: the page asks first and saves nothing.
    const carol = itemRow(page, 'Carol', 'CRM User');
    await carol.getByRole('button', { name: 'Revoke' }).click();
    await sees(carol.getByRole('alert'), 'Write a comment first');
    await doesNotSee(carol, 'Draft:');
    await carol.getByRole('textbox', { name: /Comment on Carol/ }).fill('moved to support');
    await carol.getByRole('button', { name: 'Revoke' }).click();
    await sees(carol, 'Draft: Revoke');

    // Drafts live on the server: a reload (or another device) shows them.
    await page.reload();
    await sees(itemRow(page, 'Bob', 'CRM User'), 'Draft: Approve');
    await sees(itemRow(page, 'Carol', 'CRM User'), 'Draft: Revoke');
    await sees(page.getByRole('button', { name: 'Confirm decisions' }), 'Confirm decisions (2)');
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(itemRow(page, 'Bob', 'CRM User'), 'Approved');
    await sees(itemRow(page, 'Carol', 'CRM User'), 'Revoked');
    expect(await itemRow(page, 'Carol', 'CRM User').getByRole('textbox').inputValue()).toBe(
      'moved to support',
    );
    const stored = await app.recert.query<{ identity_key: string; status: string; comment: string | null }>(
      `SELECT identity_key, status, comment FROM review_item WHERE campaign_id = $1 AND identity_key IN ('bob', 'carol')
       ORDER BY identity_key`,
      [id],
    );
    expect(stored).toEqual([
      { identity_key: 'bob', status: 'ok', comment: null },
      { identity_key: 'carol', status: 'revoke', comment: 'moved to support' },
    ]);

    // Discard changes: back to the last confirmation.
    const bob = itemRow(page, 'Bob', 'CRM User');
    await bob.getByRole('textbox', { name: /Comment on Bob/ }).fill('no longer in sales');
    await bob.getByRole('button', { name: 'Revoke' }).click();
    await sees(bob, 'Draft: Revoke');
    await itemRow(page, 'Alice', 'ERP User').getByRole('button', { name: 'Approve' }).click();
    await sees(itemRow(page, 'Alice', 'ERP User'), 'Draft: Approve');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    const discard = page.getByRole('dialog', { name: 'Discard 2 unconfirmed decisions?' });
    await sees(discard, 'and 1 comment with them');
    await discard.getByRole('button', { name: 'Discard 2' }).click();
    await doesNotSee(bob, 'Draft:');
    await sees(bob, 'Approved');
    await doesNotSee(itemRow(page, 'Alice', 'ERP User'), 'Draft:');
    await sees(itemRow(page, 'Alice', 'ERP User'), 'To review');
    await page.context().close();
  });

  it('forwards with the type-ahead: to the person, or to the reassign queue without self-delegation', async () => {
    const open = await app.launch(managersCampaign('Forwarding allowed'));
    const closed = await app.launch(
      managersCampaign('Forwarding to the owner', { options: { allowSelfDelegation: false } }),
    );
    const page = await app.signIn(browser, 'mgr', `/reviews/${open.id}`);
    const searched: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/people') searched.push(url.searchParams.get('q') ?? '');
    });
    const forward = async (hint: RegExp) => {
      const alice = itemRow(page, 'Alice', 'ERP User');
      await alice.getByRole('button', { name: 'Forward' }).click();
      await page.getByText(hint).waitFor();
      const to = page.getByRole('combobox', { name: 'Forward to' });
      await to.fill('Cl');
      await page.getByText('Type 3 letters of a name or key to search').waitFor();
      await pickSuggestion(to, 'Cleo', /Cleo CEO \(ceo\)/);
      await page.getByRole('button', { name: 'Save forward' }).click();
      await sees(alice, 'Draft: Forward to ceo');
      await page.getByRole('button', { name: 'Confirm decisions' }).click();
    };
    await forward(/goes to this person’s inbox/);
    // It left Mona's list and is in Cleo's.
    await counts(itemRow(page, 'Alice', 'ERP User'), 0);
    const ceo = await app.signIn(browser, 'ceo', `/reviews/${open.id}`);
    await itemRow(ceo, 'Alice', 'ERP User').waitFor();
    await ceo.context().close();

    await page.goto(`${app.url}/reviews/${closed.id}`);
    await forward(/campaign owner’s reassignment queue/);
    await sees(itemRow(page, 'Alice', 'ERP User'), 'Sent for reassignment');
    // Two letters are never searched: the server would refuse them.
    expect(searched).toContain('Cleo');
    expect(searched.filter((q) => q.trim().length < 3)).toEqual([]);
    await page.context().close();
  });

  it('shows a refusal on its row when the campaign was paused meanwhile; approves all recommended', async () => {
    const { id } = await app.launch(managersCampaign('Paused midway'));
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`);
    await itemRow(page, 'Bob', 'CRM User').waitFor();
    await app.admin('POST', `/api/v1/campaigns/${id}/pause`);
    const bob = itemRow(page, 'Bob', 'CRM User');
    await bob.getByRole('button', { name: 'Approve' }).click();
    await sees(bob.getByRole('alert'), 'paused');
    await doesNotSee(bob, 'Draft:');
    await counts(itemRow(page, 'Carol', 'CRM User').getByRole('alert'), 0);

    await app.admin('POST', `/api/v1/campaigns/${id}/resume`);
    await page.reload();
    await page.getByRole('button', { name: 'Approve all recommended' }).click();
    // CRM Admin is critical: named, and left out unless the reviewer takes it back in.
    await page
      .getByRole('dialog', { name: 'Approve 0 items?' })
      .getByRole('checkbox', { name: /Leave it out/ })
      .click();
    await page
      .getByRole('dialog', { name: 'Approve 1 item?' })
      .getByRole('button', { name: 'Approve 1 now' })
      .click();
    await sees(itemRow(page, 'Alice', 'CRM Admin'), 'Approved');
    await sees(itemRow(page, 'Alice', 'ERP User'), 'To review');
    await page.context().close();
  });

  it('opens the campaign page from the link in the launch notice', async () => {
    const { id } = await app.launch(managersCampaign('Mailed'));
    const outbox = app.recert.config.mail.outboxDir;
    const link = await eventually(
      async () => {
        for (const file of fs.existsSync(outbox) ? fs.readdirSync(outbox) : []) {
          // Quoted-printable soft line breaks rejoined.
          const eml = fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '');
          const found = new RegExp(`${app.url}(/reviews/${id})`).exec(eml);
          if (found && eml.includes('To: Cleo CEO <ceo@example.test>')) return found[1];
        }
        return undefined;
      },
      30_000,
      "the launch notice to Cleo's address",
    );
    const page = await app.signIn(browser, 'ceo', link);
    await page.getByRole('heading', { name: 'Mailed' }).waitFor();
    await itemRow(page, 'Mona Manager', 'CRM Admin').waitFor();
    await page.context().close();
  });

  it("keeps a reviewer out of another reviewer's items, even by URL", async () => {
    const { id } = await app.launch(managersCampaign('Only Mona'));
    const [item] = await app.recert.query<{ id: string }>(
      `SELECT id FROM review_item WHERE campaign_id = $1 AND responsible_reviewer_key = 'mgr' LIMIT 1`,
      [id],
    );
    const bob = await app.signIn(browser, 'bob', `/reviews/${id}`);
    await sees(bob.getByRole('alert'), 'You have no items in campaign');
    const history = await bob.evaluate(
      async (itemId) => (await fetch(`/api/v1/reviews/${itemId}/history`)).status,
      item.id,
    );
    expect(history).toBe(404);
    await bob.context().close();
    // Administrators and auditors read any item's history.
    for (const client of ['root', 'audit']) {
      const res = await fetch(`${app.url}/api/v1/reviews/${item.id}/history`, {
        headers: { authorization: `Bearer ${await app.recert.token(client)}` },
      });
      expect(res.status).toBe(200);
    }
  });

  it('decides the selected rows at once, and asks before leaving with unconfirmed drafts', async () => {
    const { id } = await app.launch(managersCampaign('Selected rows'));
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`);
    await page.getByRole('checkbox', { name: 'Select Bob · CRM User' }).check();
    await page.getByRole('checkbox', { name: 'Select Carol · CRM User' }).check();
    await page.getByRole('button', { name: 'Approve selected (2)' }).click();
    // Nothing happens before the reviewer agrees: bulk decisions are confirmed at once.
    const ask = page.getByRole('dialog', { name: 'Approve 2 items?' });
    await ask.getByRole('button', { name: 'Keep reviewing' }).click();
    await sees(itemRow(page, 'Bob', 'CRM User'), 'To review');
    await page.getByRole('button', { name: 'Approve selected (2)' }).click();
    await ask.getByRole('button', { name: 'Approve 2 now' }).click();
    await sees(itemRow(page, 'Bob', 'CRM User'), 'Approved');
    await sees(itemRow(page, 'Carol', 'CRM User'), 'Approved');
    await sees(itemRow(page, 'Alice', 'ERP User'), 'To review');

    await itemRow(page, 'Alice', 'ERP User').getByRole('button', { name: 'Approve' }).click();
    await sees(itemRow(page, 'Alice', 'ERP User'), 'Draft: Approve');
    await page.getByRole('link', { name: '← My reviews' }).click();
    const leaving = page.getByRole('dialog', { name: 'Leave with unconfirmed decisions?' });
    await leaving.getByRole('button', { name: 'Stay' }).click();
    expect(page.url()).toBe(`${app.url}/reviews/${id}`);
    await page.getByRole('link', { name: '← My reviews' }).click();
    await leaving.getByRole('button', { name: 'Leave anyway' }).click();
    await page.waitForURL(`${app.url}/`);
    await sees(page.getByRole('table', { name: 'Campaigns to review' }), '1 unconfirmed');
    await page.context().close();
  });

  it('moves and decides with the keyboard, and shows the shortcuts and an item’s history', async () => {
    const first = await app.launch(managersCampaign('Last year'));
    const mona = await app.signIn(browser, 'mgr', `/reviews/${first.id}`);
    await itemRow(mona, 'Bob', 'CRM User').getByRole('button', { name: 'Approve' }).click();
    await mona.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(itemRow(mona, 'Bob', 'CRM User'), 'Approved');
    await app.admin('POST', `/api/v1/campaigns/${first.id}/cancel`);

    const second = await app.launch(managersCampaign('This year'));
    await mona.goto(`${app.url}/reviews/${second.id}`);
    await itemRow(mona, 'Bob', 'CRM User').waitFor();
    await mona.keyboard.press('?');
    await mona.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await mona.keyboard.press('Escape');
    const bob = itemRow(mona, 'Bob', 'CRM User');
    await bob.getByText('Bob', { exact: true }).click();
    await isFocused(bob);
    const bobIndex = Number(await bob.getAttribute('data-index'));
    await mona.keyboard.press('ArrowDown');
    await eventually(async () =>
      (await mona.locator('tr[data-index]:focus').getAttribute('data-index')) === String(bobIndex + 1)
        ? true
        : undefined,
    );
    await mona.keyboard.press('ArrowUp');
    await isFocused(bob);
    await mona.keyboard.press('a');
    await sees(bob, 'Draft: Approve');
    await mona.keyboard.press('h');
    const drawer = mona.getByRole('dialog', { name: /History: Bob/ });
    await sees(drawer.getByRole('row').filter({ hasText: 'Last year' }), 'Approved');
    await sees(drawer, 'Mona Manager');
    await mona.context().close();
  });

  it('downloads the items as a spreadsheet and takes it back as drafts, listing the refused rows', async () => {
    const { id } = await app.launch({
      title: 'Offline CRM review',
      dueAt: inDays(5),
      scope: { applicationKeys: ['crm'] },
      reviewers: { strategy: ['default'], defaultReviewerKey: 'dflt' },
      options: { offlineReview: true, commentRequired: 'revoke' },
    });
    const page = await app.signIn(browser, 'dflt', `/reviews/${id}`);
    await itemRow(page, 'Alice', 'CRM Admin').waitFor();
    await page.getByRole('button', { name: 'Download spreadsheet' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Excel workbook (.xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^CAMP-\d{6}-dflt\.xlsx$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-offline-'));
    const downloaded = path.join(dir, download.suggestedFilename());
    await download.saveAs(downloaded);

    // Filled offline, as Excel would: Alice's admin right approved, Bob's revoked without the comment.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(downloaded);
    const sheet = book.getWorksheet('Review')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    let bobRow = 0;
    sheet.eachRow((r, n) => {
      const access = String(r.getCell(col('Access')).value);
      if (access === 'Alice · CRM · CRM Admin') r.getCell(col('Decision')).value = 'Approve';
      if (access === 'Bob · CRM · CRM User') {
        r.getCell(col('Decision')).value = 'Revoke';
        bobRow = n;
      }
    });
    const filled = path.join(dir, 'filled.xlsx');
    await book.xlsx.writeFile(filled);

    await page.locator('input[type=file]').setInputFiles(filled);
    const outcome = page.getByRole('status').filter({ hasText: 'saved as unconfirmed drafts' });
    await sees(outcome, '1 decision saved as unconfirmed drafts');
    await sees(outcome, '3 rows have no decision');
    await sees(
      outcome.getByRole('table', { name: 'Refused rows' }).getByRole('row').filter({ hasText: 'Comment' }),
      `${bobRow}`,
    );
    await sees(outcome, 'a comment is required on revoke');
    await sees(itemRow(page, 'Alice', 'CRM Admin'), 'Draft: Approve');
    await doesNotSee(itemRow(page, 'Bob', 'CRM User'), 'Draft:');
    await noSeriousViolations(page, 'offline upload');
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(itemRow(page, 'Alice', 'CRM Admin'), 'Approved');
    await page.context().close();
  });

  it('reviews accounts: an orphan account shows without an owner, and is kept or revoked', async () => {
    await app.admin('POST', '/api/v1/ledger/imports', {
      accounts: [{ key: 'crm-svc', applicationKey: 'crm', login: 'svc-batch' }],
    });
    const { id } = await app.launch({
      title: 'CRM accounts',
      type: 'account',
      dueAt: inDays(5),
      scope: { applicationKeys: ['crm'] },
      reviewers: { strategy: ['accountowner', 'applicationowner'], defaultReviewerKey: 'dflt' },
    });
    const page = await app.signIn(browser, 'mgr', `/reviews/${id}`);
    const orphan = itemRow(page, 'No owner', 'Account svc-batch');
    await sees(orphan, 'orphan account');
    expect(await orphan.getByRole('button', { name: /why\?$/ }).getAttribute('aria-label')).toMatch(
      /^Not recommended/,
    );
    await noSeriousViolations(page, 'account campaign');
    await orphan.getByRole('button', { name: 'Keep' }).click();
    await sees(orphan, 'Draft: Keep');
    await orphan.getByRole('textbox', { name: /Comment on No owner/ }).fill('batch account, still used');
    await orphan.getByRole('button', { name: 'Revoke' }).click();
    await sees(orphan, 'Draft: Revoke');
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(orphan, 'Revoked');
    await page.context().close();
  });
});
