import type { Browser, Page } from 'playwright-core';
import {
  BrowserRecert,
  counts,
  describeInBrowser,
  forcedPost,
  doesNotSee,
  launchChromium,
  noSeriousViolations,
  pickOption,
  readmeScreenshot,
  sees,
} from './support/browser';
import { inDays, smallLedger } from './support/ledger-fixture';

/** Issue 14, item 6: the ledger in the console, browsed, searched and imported from the browser. */
describeInBrowser('Ledger in the console', () => {
  let app: BrowserRecert;
  let browser: Browser;

  const identityCount = async () => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await app.admin(
        'GET',
        `/api/v1/ledger/identities?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };

  /** Chooses a file in the import dialog, as a person picking it from their disk (and, for CSV, its collection). */
  const importFile = async (page: Page, name: string, content: string, csvCollection?: RegExp) => {
    await page.getByRole('button', { name: 'Import ledger' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a ledger file' });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      dialog.getByRole('button', { name: /^Ledger file/ }).click(),
    ]);
    const mimeType = csvCollection ? 'text/csv' : 'application/json';
    await chooser.setFiles({ name, mimeType, buffer: Buffer.from(content) });
    await sees(dialog, name);
    if (csvCollection) {
      const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
      expect(await importButton.isDisabled()).toBe(true);
      await pickOption(dialog.getByRole('combobox', { name: /Collection in this CSV file/ }), csvCollection);
    }
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    return dialog;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await BrowserRecert.start();
    await app.admin('POST', '/api/v1/ledger/imports', smallLedger());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('imports a ledger file from the browser, with its progress and what it added', async () => {
    const page = await app.signIn(browser, 'ceo', '/', ['admin']);
    await page.getByRole('link', { name: 'Ledger' }).click();
    await counts(page.getByRole('table', { name: 'Identities' }).getByRole('row'), 1 + 8);
    await noSeriousViolations(page, 'ledger, identities');

    const newcomer = {
      identities: [{ key: 'erin', displayName: 'Erin Newcomer', managerKey: 'mgr', department: 'Support' }],
      assignments: [{ key: 'as-erin-crm-user', identityKey: 'erin', permissionKey: 'crm-user' }],
    };
    const dialog = await importFile(page, 'newcomer.json', JSON.stringify(newcomer, null, 2));
    await sees(dialog.getByRole('status'), 'Ledger imported');
    await dialog.getByRole('progressbar', { name: 'Uploaded 100%' }).waitFor();
    const imported = dialog.getByRole('table', { name: 'Imported rows' });
    await sees(imported.getByRole('row').filter({ hasText: 'identities' }), '110');
    await sees(imported.getByRole('row').filter({ hasText: 'assignments' }), '110');
    await noSeriousViolations(page, 'ledger import result');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await counts(page.getByRole('table', { name: 'Identities' }).getByRole('row'), 1 + 9);
    await page.context().close();
  });

  it('refuses a file with bad rows, says which, and writes nothing', async () => {
    const before = await identityCount();
    const page = await app.signIn(browser, 'ceo', '/ledger', ['admin']);
    const bad = {
      identities: [{ key: 'frank', displayName: 'Frank', status: 'retired' }],
      assignments: [{ key: 'as-frank', identityKey: 'frank' }],
    };
    const dialog = await importFile(page, 'bad.json', JSON.stringify(bad));
    const alert = dialog.getByRole('alert');
    await sees(alert, 'The ledger was not imported');
    await sees(alert, 'identities[0].status');
    await sees(alert, 'assignments[0].permissionKey');
    await noSeriousViolations(page, 'ledger import refused');
    expect(await identityCount()).toBe(before);
    await page.context().close();
  });

  it('imports a CSV file of one collection, and names the line of a refused one', async () => {
    const page = await app.signIn(browser, 'ceo', '/ledger', ['admin']);
    const csv =
      'key,displayName,managerKey,department\ngina,Gina From CSV,mgr,Support\nhal,"Hal, Jr.",mgr,\n';
    const dialog = await importFile(page, 'people.csv', csv, /^identities$/);
    await sees(dialog.getByRole('status'), 'Ledger imported');
    await sees(
      dialog.getByRole('table', { name: 'Imported rows' }).getByRole('row').filter({ hasText: 'identities' }),
      '220',
    );
    await noSeriousViolations(page, 'ledger CSV import result');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await sees(page.getByRole('table', { name: 'Identities' }), 'Hal, Jr.');

    const before = await identityCount();
    const bad = 'key,displayName,status\nivan,Ivan,active\njoy,Joy,retired\n';
    const refused = await importFile(page, 'bad.csv', bad, /^identities$/);
    await sees(refused.getByRole('alert'), 'line 3, status');
    await noSeriousViolations(page, 'ledger CSV import refused');
    expect(await identityCount()).toBe(before);
    await page.context().close();
  });

  it('browses applications, their permissions and the assignments, searched by name', async () => {
    const page = await app.signIn(browser, 'ceo', '/ledger', ['auditor']);
    await page.getByRole('tab', { name: 'Applications' }).click();
    const apps = page.getByRole('table', { name: 'Applications' });
    await sees(apps.getByRole('row').filter({ hasText: 'CRM' }), 'Mona Manager');
    await noSeriousViolations(page, 'ledger, applications');
    await apps.getByRole('button', { name: '2 permissions of CRM' }).click();
    const permissions = page.getByRole('table', { name: 'Permissions' });
    await counts(permissions.getByRole('row'), 1 + 2);
    await sees(permissions.getByRole('row').filter({ hasText: 'CRM Admin' }), 'critical');
    expect(page.url()).toContain('application=crm');
    await noSeriousViolations(page, 'ledger, permissions');

    await page.getByRole('tab', { name: 'Assignments' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill('erp user');
    const assignments = page.getByRole('table', { name: 'Assignments' });
    await counts(assignments.getByRole('row'), 1 + 3);
    await sees(assignments, 'Never certified');
    expect(page.url()).toContain('q=erp+user');
    await noSeriousViolations(page, 'ledger, assignments');
    // The address keeps the view: a colleague opening it sees the same list.
    await page.reload();
    await counts(page.getByRole('table', { name: 'Assignments' }).getByRole('row'), 1 + 3);
    await page.context().close();
  });

  it('shows a person’s access with its last certification and the history of each', async () => {
    const reviewers = { strategy: ['linemanager'], defaultReviewerKey: 'dflt' };
    const scope = { identityKeys: ['alice'] };
    const first = await app.launch({ title: 'Alice, spring', dueAt: inDays(5), scope, reviewers });
    const mgr = app.recert.as('mgr', 'reviewer');
    const items = (await mgr.get(`/api/v1/reviews?campaignId=${first.id}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    await mgr
      .post(`/api/v1/campaigns/${first.id}/decisions`, {
        decisions: items.map((i) => ({
          itemId: i.id,
          decision: i.assignmentKey === 'as-alice-erp' ? 'revoke' : 'approve',
          comment: 'moved to support',
        })),
      })
      .expect(200);
    await app.recert.waitForCampaign(first.id, 'closed');
    const second = await app.launch({ title: 'Alice, autumn', dueAt: inDays(5), scope, reviewers });

    for (const role of ['admin', 'auditor'] as const) {
      const page = await app.signIn(browser, 'ceo', '/ledger', [role]);
      await page.getByRole('textbox', { name: 'Search' }).fill('alice');
      await page.getByRole('table', { name: 'Identities' }).getByRole('link', { name: 'Alice' }).click();
      await page.getByRole('heading', { name: 'Alice' }).waitFor();
      await page.getByRole('link', { name: 'Mona Manager' }).waitFor();
      const access = page.getByRole('table', { name: 'Assignments' });
      const erp = access.getByRole('row').filter({ hasText: 'ERP User' });
      await sees(erp, 'In review');
      await sees(erp.getByRole('link'), 'Alice, autumn');
      await noSeriousViolations(page, `identity page as ${role}`);
      if (role === 'admin') await readmeScreenshot(page, 'console-identity');
      await erp.getByRole('button', { name: 'History of ERP User' }).click();
      const drawer = page.getByRole('dialog', { name: 'History: Alice · ERP User' });
      const earlier = drawer.getByRole('table', { name: 'Earlier reviews' }).getByRole('row');
      await sees(earlier.filter({ hasText: 'Alice, spring' }), 'Revoked');
      await sees(earlier.filter({ hasText: 'Alice, spring' }), 'moved to support');
      await noSeriousViolations(page, `history drawer as ${role}`);
      await drawer.getByRole('button', { name: 'Close panel' }).click();
      await erp.getByRole('link', { name: /Alice, autumn/ }).click();
      await page.waitForURL(`**/campaigns/${second.id}`);
      await page.context().close();
    }
  });

  it('shows auditors no import, refuses one forced from the page, and keeps reviewers out', async () => {
    const page = await app.signIn(browser, 'ceo', '/ledger', ['auditor']);
    await page.getByRole('table', { name: 'Identities' }).waitFor();
    await counts(page.getByRole('button', { name: 'Import ledger' }), 0);
    const status = await forcedPost(page, '/api/v1/ledger/imports', {
      identities: [{ key: 'mallory', displayName: 'Mallory' }],
    });
    expect(status).toBe(403);
    await page.context().close();

    const reviewer = await app.signIn(browser, 'bob', '/');
    await reviewer.getByRole('heading', { name: 'My reviews' }).waitFor();
    await counts(reviewer.getByRole('link', { name: 'Ledger' }), 0);
    await reviewer.goto(`${app.url}/ledger`);
    await sees(reviewer.getByRole('alert'), 'This action needs one of the roles: admin, auditor.');
    await doesNotSee(reviewer.locator('body'), 'Import ledger');
    await reviewer.context().close();
  });

  it('shows a name with a right-to-left override as it is, isolated, and the import warns of it', async () => {
    const page = await app.signIn(browser, 'ceo', '/ledger', ['admin']);
    const evil = {
      applications: [{ key: 'files', name: 'File share' }],
      permissions: [{ key: 'evil-png', applicationKey: 'files', name: 'Evil\u202Egnp.exe' }],
    };
    const dialog = await importFile(page, 'evil.json', JSON.stringify(evil));
    await sees(dialog.getByRole('status'), 'Ledger imported');
    const warnings = dialog.getByRole('alert', { name: 'Imported, but worth a look' });
    await sees(warnings, 'permissions[0].name: contains U+202E RIGHT-TO-LEFT OVERRIDE');
    await noSeriousViolations(page, 'ledger import warnings');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('tab', { name: 'Permissions' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill('evil-png');
    const permissions = page.getByRole('table', { name: 'Permissions' });
    await counts(permissions.getByRole('row'), 1 + 1);
    const name = permissions.getByRole('row').nth(1).getByRole('cell').first().locator('bdi');
    const shown = await name.evaluate((el) => {
      // Where the browser draws each letter: an override obeyed would put "g" to the right of "p".
      const text = [...el.childNodes].find((n) => n.textContent?.includes('gnp'))!;
      const x = (letter: string) => {
        const range = el.ownerDocument.createRange();
        const at = text.textContent!.indexOf(letter);
        range.setStart(text, at);
        range.setEnd(text, at + 1);
        return range.getBoundingClientRect().left;
      };
      return {
        text: el.textContent,
        isolated: el.ownerDocument.defaultView!.getComputedStyle(el).unicodeBidi,
        gBeforeP: x('g') < x('p'),
      };
    });
    expect(shown).toEqual({ text: 'Evil⟨U+202E⟩gnp.exe', isolated: 'isolate', gBeforeP: true });
    await noSeriousViolations(page, 'ledger, a permission with a bidirectional control');
    await page.context().close();
  });
});
