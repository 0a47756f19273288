import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ConfigError, loadConfig } from '../src/config/config.schema';
import { CampaignsService } from '../src/campaigns';
import { DomainError } from '../src/common/domain-error';
import type { AppConfig } from '../src/config/config.schema';
import { examplesDir } from '../src/demo/demo-files';
import { DemoRepository } from '../src/demo/demo.repository';
import { DemoLoaded, DemoService } from '../src/demo/demo.service';
import { LedgerService } from '../src/ledger/ledger.service';
import { PoliciesService } from '../src/policies/policies.service';
import { ReviewsService } from '../src/reviews/reviews.service';
import { LedgerAccounts } from '../src/dev-oidc/dev-accounts';
import { LedgerLookupRepository } from '../src/ledger';
import { eventually, TestRecert } from './support/harness';
import { printTiming } from './support/timing';

/** Records of an example file: what the ledger holds once the demo is loaded. */
const records = (file: string) =>
  (
    parse(fs.readFileSync(path.join(examplesDir(), file), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[]
  ).length;

const count = async (recert: TestRecert, sql: string, params: unknown[] = []) =>
  Number((await recert.query<{ n: string }>(sql, params))[0].n);

/**
 * The demo service of `recert`'s app as it is on the embedded development provider, the only place the
 * demo is offered (the provider itself, an ES module, does not load under Jest; the browser test of the
 * demo runs the real process).
 */
function embeddedDemo(recert: TestRecert): DemoService {
  const config: AppConfig = { ...recert.config, oidc: { ...recert.config.oidc, embedded: true } };
  const app = recert.app;
  return new DemoService(
    config,
    recert.db,
    new DemoRepository(),
    app.get(LedgerService),
    app.get(CampaignsService),
    app.get(ReviewsService),
    app.get(PoliciesService),
  );
}

describe('the demo organisation', () => {
  let recert: TestRecert;
  let demo: DemoService;
  let loaded: DemoLoaded;

  beforeAll(async () => {
    recert = await TestRecert.start();
    demo = embeddedDemo(recert);
    loaded = await demo.load();
    printTiming('demo organisation loaded', loaded.ms);
  }, 180_000);
  afterAll(() => recert.close());

  it('holds ~500 people in a hierarchy, 12 applications with privileged permissions, ~6,000 assignments', async () => {
    expect(await count(recert, `SELECT count(*) AS n FROM identity`)).toBe(records('identities.csv'));
    expect(await count(recert, `SELECT count(*) AS n FROM identity WHERE status = 'inactive'`)).toBe(6);
    expect(await count(recert, `SELECT count(*) AS n FROM identity WHERE manager_id IS NULL`)).toBe(1);
    expect(await count(recert, `SELECT count(*) AS n FROM application WHERE owner_id IS NOT NULL`)).toBe(12);
    expect(await count(recert, `SELECT count(*) AS n FROM permission WHERE critical`)).toBeGreaterThanOrEqual(
      15,
    );
    expect(await count(recert, `SELECT count(*) AS n FROM assignment WHERE removed_import_id IS NULL`)).toBe(
      records('assignments.csv'),
    );
    expect(await count(recert, `SELECT count(*) AS n FROM account WHERE removed_import_id IS NULL`)).toBe(
      records('accounts.csv'),
    );
    // Orphans (no owner) and accounts nobody used for 90 days.
    expect(await count(recert, `SELECT count(*) AS n FROM account WHERE owner_id IS NULL`)).toBe(18);
    expect(
      await count(
        recert,
        `SELECT count(*) AS n FROM account WHERE owner_id IS NOT NULL AND status = 'active'
           AND last_login_at < now() - interval '90 days'`,
      ),
    ).toBeGreaterThan(100);
  });

  it('has a closed campaign with remediations, an active one under way with movers, and seed 002’s policy', async () => {
    const campaigns = await recert.query<{ id: string; status: string }>(`SELECT id, status FROM campaign`);
    expect(campaigns.map((c) => c.status).sort()).toEqual(['active', 'closed']);
    const { closed, active } = loaded.campaigns;
    expect(
      await count(recert, `SELECT count(*) AS n FROM remediation WHERE campaign_id = $1`, [closed]),
    ).toBeGreaterThan(10);
    expect(await count(recert, `SELECT count(*) AS n FROM remediation WHERE type <> 'embedded'`)).toBe(0);
    expect(
      await count(recert, `SELECT count(*) AS n FROM review_item WHERE campaign_id = $1 AND mover`, [active]),
    ).toBeGreaterThanOrEqual(8);
    const byRecommendation = await recert.query<{ recommendation: string; n: string }>(
      `SELECT recommendation, count(*) AS n FROM review_item WHERE campaign_id = $1 GROUP BY 1`,
      [active],
    );
    expect(byRecommendation.map((r) => r.recommendation).sort()).toEqual([
      'none',
      'not_recommended',
      'recommended',
    ]);
    expect(
      await count(recert, `SELECT count(*) AS n FROM review_item WHERE campaign_id = $1 AND status = 'ok'`, [
        active,
      ]),
    ).toBeGreaterThan(8);
    expect(
      await count(
        recert,
        `SELECT count(*) AS n FROM review_item WHERE campaign_id = $1 AND draft_decision IS NOT NULL`,
        [active],
      ),
    ).toBeGreaterThanOrEqual(3);

    const [policy] = await recert.query<{ id: string; active: boolean }>(`SELECT id, active FROM policy`);
    expect(policy).toEqual({ id: loaded.policyId, active: true });
    const schedule = await recert.client.schedule.getHandle(`policy-${policy.id}-campaign`).describe();
    expect(schedule.state.paused).toBe(false);
  });

  it('puts the mail of it all in the outbox', async () => {
    await eventually(
      async () =>
        (await count(recert, `SELECT count(*) AS n FROM mail_message WHERE status = 'sent'`)) > 10
          ? true
          : undefined,
      30_000,
      'the demo’s mail to be sent',
    );
  });

  it('offers the sign-in page’s people by role: reviewers with their items, the administrator, the auditor', async () => {
    const guide = await new LedgerAccounts(recert.db, new LedgerLookupRepository()).guide();
    expect(guide.demoPath).toBeNull();
    const reviewer = loaded.personas.find((p) => p.role === 'reviewer')!;
    // The demo reviewer has the most left to review: first on the page, picked by default.
    expect(guide.reviewers[0].key).toBe(reviewer.key);
    const listed = guide.reviewers.find((r) => r.key === reviewer.key);
    expect(listed).toMatchObject({ jobTitle: 'Finance controller' });
    expect(listed!.items).toBeGreaterThanOrEqual(15);
    expect(guide.reviewers.length).toBeLessThanOrEqual(5);
    expect(guide.administrators.map((a) => a.jobTitle)).toEqual(['IAM administrator']);
    expect(guide.auditors.map((a) => a.jobTitle)).toEqual(['Internal auditor']);
  });

  it('refuses a second load (409) and is not offered with an OIDC_ISSUER (404) nor configured in production', async () => {
    await expect(demo.load()).rejects.toMatchObject({ status: 409, code: 'demo-ledger-not-empty' });
    await expect(demo.load()).rejects.toBeInstanceOf(DomainError);
    // The tests' app has an OIDC_ISSUER: its route answers as if there were none, whoever calls.
    const res = await recert.http().post('/api/v1/demo').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toContain('demo-not-offered');
    await expect(recert.app.get(DemoService).load()).rejects.toMatchObject({ status: 404 });
    // From another site's page: refused before anything else.
    await recert.http().post('/api/v1/demo').set('sec-fetch-site', 'cross-site').expect(403);
    expect(() =>
      loadConfig({ RECERT_DEMO: '1', NODE_ENV: 'production', OIDC_ISSUER: 'https://idp.example' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ RECERT_DEMO: '1', NODE_ENV: 'production', OIDC_ISSUER: 'https://idp.example' }),
    ).toThrow(/RECERT_DEMO: cannot be set with NODE_ENV=production/);
    expect(() => loadConfig({ RECERT_DEMO: '1', OIDC_ISSUER: 'https://idp.example' })).toThrow(
      /RECERT_DEMO: cannot be set with OIDC_ISSUER/,
    );
    expect(loadConfig({ RECERT_DEMO: '1' }).demo.atStart).toBe(true);
  });
});
