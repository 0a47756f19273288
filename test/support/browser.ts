import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { testPort } from './test-port';
import { eventually, TestRecert } from './harness';
import { startTestIssuer, type TestIssuer } from './test-issuer';

/** Debian's chromium, or CHROME_PATH. */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROME_PATH);
/** CI sets RECERT_BROWSER_TESTS=required: a missing browser then fails the run instead of skipping. */
const required = process.env.RECERT_BROWSER_TESTS === 'required';

/**
 * Browser tests: run when a Chromium is there (or required); otherwise skipped, and the run says so in
 * one line (test/support/browser-skip-reporter.js).
 */
export const describeInBrowser: jest.Describe = hasChromium || required ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(
      `No Chromium at ${CHROME_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROME_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROME_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Recert on a real port with the web app at /, signing people in through a development OpenID Provider
 * in its own process (the embedded provider's code, run as a separate issuer like a production one, with
 * this port's callback registered). Set-up calls use the issuer's `root` machine client (admin).
 */
export class BrowserRecert {
  private constructor(
    readonly recert: TestRecert,
    readonly url: string,
    private readonly issuer: TestIssuer,
  ) {}

  static async start(): Promise<BrowserRecert> {
    const port = await testPort();
    const url = `http://localhost:${port}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-browser-'));
    const issuer = await startTestIssuer({ secretsFile: path.join(dir, 'issuer.json'), publicUrls: [url] });
    const recert = await TestRecert.start({
      env: {
        OIDC_ISSUER: issuer.issuer,
        PORT: String(port),
        PUBLIC_URL: url,
        // The tests' Temporal runs without its Web UI; the console still links each campaign's workflow.
        TEMPORAL_UI_URL: 'http://temporal-ui.test',
      },
    });
    await recert.app.listen(port);
    return new BrowserRecert(recert, url, issuer);
  }

  /** An API call as the administrators' automation client; the JSON answer, or a failure naming the status. */
  async admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const as = this.recert.as('root', 'admin');
    const res = await (method === 'GET' ? as.get(path) : as.post(path, body));
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.body as T;
  }

  /** Launches a campaign and waits until its reviewers have their items. */
  async launch(campaign: Record<string, unknown>): Promise<{ id: string }> {
    const { id } = await this.admin<{ id: string }>('POST', '/api/v1/campaigns', campaign);
    await eventually(
      async () =>
        (await this.admin<{ status: string }>('GET', `/api/v1/campaigns/${id}`)).status === 'active'
          ? true
          : undefined,
      60_000,
      `campaign ${id} to be active`,
    );
    return { id };
  }

  /**
   * Opens `path` in a fresh browser context, signing in on the development provider's page as `identity`;
   * `viewport` sets the window's size (a phone's 390×844, say), 1400×900 by default.
   */
  async signIn(
    browser: Browser,
    identity: string,
    path = '/',
    roles: ('admin' | 'auditor')[] = [],
    { viewport = { width: 1400, height: 900 } }: { viewport?: { width: number; height: number } } = {},
  ): Promise<Page> {
    // Reduced motion: dialogs open at once, so the accessibility check never sees one half faded in.
    const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${this.url}${path}`);
    await page.getByLabel('Identity key').fill(identity);
    for (const role of roles) await page.locator(`input[name=role][value=${role}]`).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${this.url}${path}`);
    return page;
  }

  async close(): Promise<void> {
    await this.recert.close();
    await this.issuer.stop();
  }
}

/**
 * Chromium and a started Recert, with `ledger` imported when given: a browser spec's beforeAll. What started
 * is closed again if a later step fails, since the spec's afterAll never learns of it.
 */
export async function startInChromium(ledger?: object): Promise<{ browser: Browser; app: BrowserRecert }> {
  const browser = await launchChromium();
  let app: BrowserRecert | undefined;
  try {
    app = await BrowserRecert.start();
    if (ledger) await app.admin('POST', '/api/v1/ledger/imports', ledger);
    return { browser, app };
  } catch (err) {
    await app?.close();
    await browser.close();
    throw err;
  }
}

/** Closes what startInChromium opened: a browser spec's afterAll (each may be missing if it failed). */
export async function closeInChromium(browser: Browser | undefined, app: BrowserRecert | undefined) {
  await browser?.close();
  await app?.close();
}

/** A phone's window (an iPhone 12 to 14's), for the pages' small-screen layout. */
export const PHONE = { width: 390, height: 844 };

const showing = (items: Locator, identity: string, permission: string) =>
  items.filter({ hasText: identity }).filter({ hasText: permission });

/** The row of the reviewer's items table that shows `identity`'s `permission`. */
export const itemRow = (page: Page, identity: string, permission: string) =>
  showing(page.getByRole('table', { name: 'Items to review' }).getByRole('row'), identity, permission);

/** The card of the reviewer's items on a phone that shows `identity`'s `permission`. */
export const itemCard = (page: Page, identity: string, permission: string) =>
  showing(page.getByRole('list', { name: 'Items to review' }).getByRole('listitem'), identity, permission);

/**
 * A change sent from the signed-in page itself, as a forged form or script would: with the session's cookie
 * and CSRF token, past whatever the page offers. Answers the HTTP status.
 */
export function forcedPost(page: Page, path: string, body?: object): Promise<number> {
  return page.evaluate(
    async ({ url, json }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { session: { csrfToken: string } };
      const headers: Record<string, string> = { 'x-csrf-token': me.session.csrfToken };
      if (json !== undefined) headers['content-type'] = 'application/json';
      return (await fetch(url, { method: 'POST', headers, body: json })).status;
    },
    { url: path, json: body === undefined ? undefined : JSON.stringify(body) },
  );
}

const UI_TIMEOUT = 10_000;

/** The page has no serious or critical accessibility violation (axe); `what` names it in a failure. */
export async function noSeriousViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Waits until the element's text (as written, whatever CSS does to its case) includes `text`. */
export async function sees(locator: Locator, text: string | RegExp): Promise<void> {
  await eventually(
    async () => {
      const shown = (await locator.first().textContent({ timeout: 1_000 })) ?? '';
      return (typeof text === 'string' ? shown.includes(text) : text.test(shown)) ? true : undefined;
    },
    UI_TIMEOUT,
    `${locator} to show ${String(text)}`,
  );
}

export async function doesNotSee(locator: Locator, text: string): Promise<void> {
  await eventually(
    async () =>
      !((await locator.first().textContent({ timeout: 1_000 })) ?? '').includes(text) ? true : undefined,
    UI_TIMEOUT,
    `${locator} to stop showing ${text}`,
  );
}

export async function counts(locator: Locator, n: number): Promise<void> {
  await eventually(
    async () => ((await locator.count()) === n ? true : undefined),
    UI_TIMEOUT,
    `${n} of ${locator}`,
  );
}

/**
 * Types into a type-ahead and picks the suggestion with the keyboard, as a user would. A click is not
 * used: scrolling a long page to reach the suggestion can hide the field, and Mantine then hides its
 * detached drop-down, which a click waits for forever.
 */
export async function pickSuggestion(combobox: Locator, typed: string, suggestion: RegExp): Promise<void> {
  await combobox.fill(typed);
  await chooseHighlighted(combobox, suggestion);
}

/** Opens a select and picks an option with the keyboard (see pickSuggestion). */
export async function pickOption(combobox: Locator, option: RegExp): Promise<void> {
  await combobox.click();
  await chooseHighlighted(combobox, option);
}

async function chooseHighlighted(combobox: Locator, suggestion: RegExp): Promise<void> {
  const page = combobox.page();
  await page.getByRole('option', { name: suggestion }).waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  await eventually(
    async () => {
      const chosen = page
        .getByRole('option', { name: suggestion })
        .and(page.locator('[data-combobox-selected]'));
      if ((await chosen.count()) > 0) return true;
      await combobox.press('ArrowDown');
      return undefined;
    },
    UI_TIMEOUT,
    `${suggestion} to be the highlighted suggestion of ${combobox}`,
  );
  await combobox.press('Enter');
}

/**
 * Opens a menu from its button and chooses an item with the keyboard, for the same reason as
 * pickSuggestion: a click can scroll the page until the menu's button is hidden, and the menu with it.
 */
export async function chooseFromMenu(button: Locator, item: string): Promise<void> {
  const page = button.page();
  await button.focus();
  await button.press('Enter');
  const wanted = page.getByRole('menuitem', { name: item });
  await wanted.waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  await eventually(
    async () => {
      if (await wanted.evaluate((el) => el === el.ownerDocument.activeElement)) return true;
      await page.keyboard.press('ArrowDown');
      return undefined;
    },
    UI_TIMEOUT,
    `${item} to have the focus in the menu of ${button}`,
  );
  await page.keyboard.press('Enter');
}

export async function isFocused(locator: Locator): Promise<void> {
  await eventually(
    async () => ((await locator.evaluate((el) => el === el.ownerDocument.activeElement)) ? true : undefined),
    UI_TIMEOUT,
    `${locator} to have the focus`,
  );
}

/**
 * The pictures of the README and docs/ come from the tests that check those very pages: with RECERT_SCREENSHOTS
 * set to a folder (docs/screenshots), the page is saved there under the name given.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.RECERT_SCREENSHOTS;
  if (!dir) return;
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
