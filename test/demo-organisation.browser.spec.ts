import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Client as PgClient } from 'pg';
import {
  counts,
  describeInBrowser,
  launchChromium,
  noSeriousViolations,
  readmeScreenshot,
  sees,
} from './support/browser';
import { eventually } from './support/harness';
import { cleanUp, StartProcess, startEnv } from './support/start-process';
import { namespaceOf, readTestEnv } from './support/test-env';
import { printTiming } from './support/timing';

const ACTIVE = 'Financial systems — Q4 access review';
const CLOSED = 'Financial systems — Q3 access review';

/** A database of its own on the tests' PostgreSQL, empty: its URL. */
async function freshDatabase(): Promise<string> {
  const { adminDatabaseUrl } = readTestEnv();
  const name = `recert_demo_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgClient({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Issue 30: a newcomer's first minutes. The real process (`node dist/src/main.js start`) from an empty
 * DATA_DIR and an empty database, on the embedded development provider: load the demo organisation from
 * the sign-in page, review as the demo reviewer, look around as its administrator and its auditor.
 */
describeInBrowser('the demo organisation, from an empty DATA_DIR', () => {
  let browser: Browser;
  let start: StartProcess;
  let url: string;
  let dataDir: string | undefined;
  let db: PgClient;

  beforeAll(async () => {
    const testEnv = readTestEnv();
    const databaseUrl = await freshDatabase();
    // The tests' PostgreSQL and Temporal stand in for the embedded ones (started the same way otherwise).
    const { env, port } = await startEnv({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: testEnv.temporalAddress,
      TEMPORAL_NAMESPACE: namespaceOf(__filename),
      TEMPORAL_TASK_QUEUE: `recert-demo-${randomUUID().slice(0, 8)}`,
    });
    dataDir = env.DATA_DIR;
    url = `http://localhost:${port}`;
    start = new StartProcess(env);
    await start.waitFor('Recert is running.');
    db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await start?.stop();
    await cleanUp(start ? [start] : [], dataDir);
  });

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      reducedMotion: 'reduce',
    });
    return context.newPage();
  };

  /** From `/`, the development provider's sign-in page: picks the person of `group` and signs in. */
  const signInAs = async (page: Page, group: string, person: RegExp) => {
    await page.goto(`${url}/`);
    const radio = page.getByRole('group', { name: group }).getByRole('radio', { name: person });
    await radio.check();
    const ticked = async (role: string) => page.getByRole('checkbox', { name: role }).isChecked();
    const roles = { admin: await ticked('administrator'), auditor: await ticked('auditor') };
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My reviews' }).waitFor({ timeout: 30_000 });
    return roles;
  };

  it('loads from the sign-in page, and the reviewer, the administrator and the auditor find their work', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in to Recert' }).waitFor({ timeout: 30_000 });
    await noSeriousViolations(page, 'the sign-in page of an empty ledger');

    const t0 = performance.now();
    // The click waits for the page the load answers with: as long as the load itself on a busy machine.
    await page.getByRole('button', { name: 'Load the demo organisation' }).click({ timeout: 120_000 });
    const reviewers = page.getByRole('group', { name: 'Reviewers' });
    await reviewers.waitFor({ timeout: 120_000 });
    printTiming('demo organisation loaded from the sign-in page', performance.now() - t0);
    await expect(page.getByRole('button', { name: 'Load the demo organisation' }).count()).resolves.toBe(0);
    const demoReviewer = reviewers.getByRole('radio', { name: /· Finance controller · \d+ items to review/ });
    await counts(demoReviewer, 1);
    await sees(page.getByRole('group', { name: 'Administrator' }), 'IAM administrator');
    await sees(page.getByRole('group', { name: 'Auditor' }), 'Internal auditor');
    await noSeriousViolations(page, 'the sign-in page listing the demo’s people');
    await readmeScreenshot(page, 'demo-sign-in');

    // Loaded once: a second load is refused, and the page no longer offers it.
    const again = await fetch(`${url}/api/v1/demo`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // The demo reviewer: My reviews shows the campaign under way; one decision is confirmed.
    const reviewerName = ((await demoReviewer.evaluate((el) => el.parentElement?.textContent)) ?? '')
      .split('·')[0]
      .trim();
    const [{ key: reviewerKey }] = (
      await db.query<{ key: string }>(`SELECT key FROM identity WHERE display_name = $1`, [reviewerName])
    ).rows;
    const roles = await signInAs(page, 'Reviewers', /Finance controller/);
    expect(roles).toEqual({ admin: false, auditor: false });
    const campaigns = page.getByRole('table', { name: 'Campaigns to review' });
    await sees(campaigns.getByRole('row').filter({ hasText: ACTIVE }), ACTIVE);
    const approved = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM review_item ri JOIN campaign c ON c.id = ri.campaign_id
              WHERE c.title = $1 AND ri.responsible_reviewer_key = $2 AND ri.status = 'ok'`,
            [ACTIVE, reviewerKey],
          )
        ).rows[0].n,
      );
    const before = await approved();
    await campaigns.getByRole('link', { name: ACTIVE }).click();
    const items = page.getByRole('table', { name: 'Items to review' });
    await sees(items, 'mover');
    await readmeScreenshot(page, 'demo-my-reviews');
    const toReview = items.getByRole('row').filter({ hasText: 'To review' }).first();
    await toReview.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Confirm decisions' }).click();
    await sees(page.getByRole('button', { name: 'Confirm decisions' }), 'Confirm decisions');
    await eventually(
      async () => ((await approved()) > before ? true : undefined),
      10_000,
      'the approval to be recorded',
    );

    // The administrator (ticked as such by the demo): both campaigns, the policy, the remediations.
    const adminPage = await newPage();
    expect(await signInAs(adminPage, 'Administrator', /IAM administrator/)).toEqual({
      admin: true,
      auditor: false,
    });
    await adminPage.goto(`${url}/campaigns`);
    await sees(adminPage.getByRole('main'), ACTIVE);
    await sees(adminPage.getByRole('main'), CLOSED);
    await adminPage.goto(`${url}/policies`);
    await sees(adminPage.getByRole('table', { name: 'Policies' }), 'Critical access recertification');
    const [{ id: closedId }] = (
      await db.query<{ id: string }>(`SELECT id FROM campaign WHERE title = $1`, [CLOSED])
    ).rows;
    await adminPage.goto(`${url}/campaigns/${closedId}?tab=remediations`);
    const remediations = adminPage.getByRole('table', { name: 'Remediations' });
    await sees(remediations, 'revoke');
    await sees(remediations, 'Manual task');

    // The auditor: the audit trail's chain holds.
    const auditorPage = await newPage();
    expect(await signInAs(auditorPage, 'Auditor', /Internal auditor/)).toEqual({
      admin: false,
      auditor: true,
    });
    await auditorPage.goto(`${url}/audit`);
    await auditorPage.getByRole('button', { name: 'Verify chain' }).click();
    await sees(auditorPage.getByRole('status').filter({ hasText: 'The chain holds' }), 'entries verified');
    expect(fs.existsSync(path.join(dataDir!, 'outbox'))).toBe(true);
  }, 300_000);

  it('loads at start with RECERT_DEMO=1 into an empty ledger, and says why it does not into another', async () => {
    // Embedded Temporal (its own dev server), as `npm start -- --demo` runs it; the tests' PostgreSQL.
    const { env } = await startEnv({ DATABASE_URL: await freshDatabase(), RECERT_DEMO: '1' });
    const starts: StartProcess[] = [];
    try {
      const first = new StartProcess(env);
      starts.push(first);
      await first.waitFor('Recert is running.', 180_000);
      const line = /Demo organisation loaded in [\d.]+ s[^\n]*/.exec(first.output);
      expect(line).not.toBeNull();
      process.stdout.write(`timing: at start: ${line![0]}\n`);
      await first.stop();
      const again = new StartProcess(env);
      starts.push(again);
      await again.waitFor('Recert is running.', 180_000);
      expect(again.output).toContain('Demo organisation not loaded: the ledger is not empty');
      await again.stop();
    } finally {
      await cleanUp(starts, env.DATA_DIR);
    }
  }, 400_000);
});
