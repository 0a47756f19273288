import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { walkDevSignIn, type DevSignIn } from '../src/dev-oidc/scripted-sign-in';
import { TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { remediationLedger } from './support/remediation-fixture';

/** RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endField();
    } else if (!quoted && ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  return rows;
}

const SITE = 'http://localhost:3000';

/** The body of a streamed CSV answer, as bytes. */
const bytes = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('compliance report and CSV evidence', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  let campaignId: string;

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', remediationLedger()).expect(200);
    const created = await admin()
      .post('/api/v1/campaigns', {
        title: 'Quarterly review',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
      })
      .expect(201);
    campaignId = (await recert.waitForCampaign(created.body.id, 'active')).id;
    const ra = recert.as('ra', 'reviewer');
    const items = (await ra.get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    const id = (key: string) => items.find((i) => i.assignmentKey === key)!.id;
    await ra
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: [
          { itemId: id('u1-app'), decision: 'revoke', comment: 'moved to finance, "no longer" needed' },
          { itemId: id('u2-app'), decision: 'approve', comment: '=HYPERLINK("http://evil.test")' },
          { itemId: id('u1-prov'), decision: 'forward', forwardTo: 'dflt' },
        ],
      })
      .expect(200);
    await recert
      .as('dflt', 'reviewer')
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: [{ itemId: id('u1-prov'), decision: 'approve' }],
      })
      .expect(200);
    await admin().post(`/api/v1/campaigns/${campaignId}/finalize`).expect(200);
    await recert.waitForCampaign(campaignId, 'closed');
  });
  afterAll(() => recert.close());

  it('totals the campaign by status, reviewer and application', async () => {
    const report = (
      await recert.as('aud', 'auditor').get(`/api/v1/campaigns/${campaignId}/report`).expect(200)
    ).body;
    expect(report.campaign).toMatchObject({ id: campaignId, status: 'closed' });
    expect(report.totals).toMatchObject({
      items: 4,
      byStatus: { ok: 2, revoke: 1, not_reviewed: 1, to_be_reviewed: 0, update: 0, reassign: 0 },
      reviewed: 3,
      reviewedPercent: 75,
      revoked: 1,
      notReviewed: 1,
      reassigned: 1,
      movers: 0,
      decidedByDueDateRule: 1,
    });
    expect(report.byReviewer).toEqual([
      expect.objectContaining({ key: 'dflt', items: 1, reviewed: 1, approved: 1 }),
      expect.objectContaining({
        key: 'ra',
        name: 'Rita Reviewer',
        items: 3,
        reviewed: 2,
        revoked: 1,
        notReviewed: 1,
      }),
    ]);
    expect(report.byApplication.map((a: { key: string; items: number }) => [a.key, a.items])).toEqual([
      ['app', 2],
      ['prov', 2],
    ]);
    expect(report.durations.launchToCloseSeconds).toBeGreaterThanOrEqual(0);
    expect(report.durations.medianDecisionSeconds).toBeGreaterThanOrEqual(0);
    expect(report.remediations).toMatchObject({ total: 1, byType: { embedded: 1 } });
    await recert.as('ra', 'reviewer').get(`/api/v1/campaigns/${campaignId}/report`).expect(403);
    await admin().get('/api/v1/campaigns/00000000-0000-4000-8000-000000000000/report').expect(404);
  });

  it('streams every item as CSV whose SHA-256 is given as a trailer and kept in the audit trail', async () => {
    const res = await recert
      .as('aud', 'auditor')
      .get(`/api/v1/campaigns/${campaignId}/report.csv`)
      .buffer(true)
      .parse(bytes)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = res.body as Buffer;
    const [header, ...rows] = parseCsv(body.toString('utf8'));
    expect(header.slice(0, 4)).toEqual(['item_id', 'reviewed', 'assignment_key', 'identity_key']);
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(4);
    const row = (key: string) => rows.find((r) => r[col('assignment_key')] === key)!;
    expect(row('u1-app')[col('decision')]).toBe('revoke');
    expect(row('u1-app')[col('comment')]).toBe('moved to finance, "no longer" needed');
    expect(row('u1-app')[col('decided_by')]).toBe('ra');
    expect(row('u2-app')[col('comment')]).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(row('u1-app')[col('action_date')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(row('u1-app')[col('remediation_type')]).toBe('embedded');
    expect(row('u1-prov')[col('accountable_reviewer')]).toBe('ra');
    expect(row('u1-prov')[col('responsible_reviewer')]).toBe('dflt');
    expect(row('u2-prov')[col('decision')]).toBe('not_reviewed');
    expect(row('u2-prov')[col('decided_by')]).toBe('system');
    // Beside the codes and keys, their words and names.
    expect(header.indexOf('decision_words')).toBe(col('decision') + 1);
    expect(header.indexOf('identity_name')).toBe(col('identity_key') + 1);
    expect(row('u1-app')[col('identity_name')]).toBe('User One');
    expect(row('u1-app')[col('application_name')]).toBe('App');
    expect(row('u1-app')[col('permission_name')]).toBe('app permission');
    expect(row('u1-app')[col('decision_words')]).toBe('Revoked');
    expect(row('u1-app')[col('decided_by_name')]).toBe('Rita Reviewer');
    expect(row('u2-app')[col('decision_words')]).toBe('Approved');
    expect(row('u1-prov')[col('accountable_reviewer_name')]).toBe('Rita Reviewer');
    expect(row('u1-prov')[col('responsible_reviewer_name')]).toBe('Default');
    expect(row('u2-prov')[col('decision_words')]).toBe('Not reviewed');
    expect(row('u2-prov')[col('decided_by_name')]).toBe('Closed at the due date (nobody decided)');
    expect(row('u1-app')[col('mover_words')]).toBe('');
    expect(row('u1-app')[col('remediation_flagged_words')]).toBe('Not flagged');

    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(
      (res as unknown as { res: { trailers: Record<string, string> } }).res.trailers['x-content-sha256'],
    ).toBe(sha256);
    const exportId = res.headers['x-report-export-id'];
    const [entry] = (
      await admin().get(`/api/v1/audit?objectType=report_export&objectId=${exportId}`).expect(200)
    ).body.items;
    expect(entry).toMatchObject({
      actor: 'aud',
      action: 'report.exported',
      campaignId,
      after: { rows: 4, sha256 },
    });
    await recert.as('ra', 'reviewer').get(`/api/v1/campaigns/${campaignId}/report.csv`).expect(403);
  });

  describe('downloads started from a browser session', () => {
    /** A browser signed in through /auth/login and the provider's form: its session cookie and CSRF token. */
    async function signIn(who: DevSignIn) {
      const login = await recert.http().get('/auth/login?returnTo=/').expect(303);
      const cookieOf = (res: Response, name: string) => {
        const line = ([] as string[])
          .concat(res.headers['set-cookie'] ?? [])
          .find((l) => l.startsWith(`${name}=`))!;
        return decodeURIComponent(line.slice(name.length + 1).split(';')[0]);
      };
      const callback = await walkDevSignIn(new URL(login.headers.location), `${SITE}/auth/callback`, who);
      const back = await recert
        .http()
        .get(`${callback.pathname}${callback.search}`)
        .set('cookie', `recert_sign_in=${cookieOf(login, 'recert_sign_in')}`)
        .expect(303);
      const cookie = `recert_session=${cookieOf(back, 'recert_session')}`;
      const me = await recert.http().get('/api/v1/me').set('cookie', cookie).expect(200);
      return { cookie, csrf: me.body.session.csrfToken as string, via: `session:${me.body.session.id}` };
    }

    /** A link asked for as the web app does: a POST from this site with the session's CSRF token. */
    async function linkFor(session: { cookie: string; csrf: string }, id = campaignId) {
      const res = await recert
        .http()
        .post(`/api/v1/campaigns/${id}/report.csv/link`)
        .set('cookie', session.cookie)
        .set('origin', SITE)
        .set('x-csrf-token', session.csrf)
        .expect(201);
      return res.body as { url: string; expiresAt: string };
    }

    /** The link opened as a browser does: a top-level GET carrying the session cookie. */
    const open = (url: string, cookie: string) =>
      recert.http().get(url.slice(SITE.length)).set('cookie', cookie).buffer(true).parse(bytes);

    const exportsAudited = async () =>
      (
        await recert.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_event WHERE action = 'report.exported'`,
        )
      )[0].n;

    let auditor: Awaited<ReturnType<typeof signIn>>;

    beforeAll(async () => {
      auditor = await signIn({ identity: 'po', roles: ['auditor'] });
    });

    it('refuses a GET that carries only the session cookie, as a page of another site can send it, and records nothing', async () => {
      const before = await exportsAudited();
      const crossSite = await recert
        .http()
        .get(`/api/v1/campaigns/${campaignId}/report.csv`)
        .set('cookie', auditor.cookie)
        .set('referer', 'https://evil.example/')
        .set('sec-fetch-site', 'cross-site')
        .set('sec-fetch-mode', 'navigate')
        .expect(403);
      expect(crossSite.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(crossSite.body).toMatchObject({ title: 'Download refused' });
      expect(crossSite.body.detail).toMatch(/needs a link: POST .*\/report\.csv\/link/);
      // The link itself is a change: another site cannot ask for one with the cookie.
      const noToken = await recert
        .http()
        .post(`/api/v1/campaigns/${campaignId}/report.csv/link`)
        .set('cookie', auditor.cookie)
        .set('origin', 'https://evil.example')
        .expect(403);
      expect(noToken.body).toMatchObject({ title: 'Cross-site request refused' });
      expect(await exportsAudited()).toBe(before);
      expect(await recert.query(`SELECT 1 FROM report_export_link`)).toHaveLength(0);
    });

    it('downloads once through a link that lasts a minute, audited once as the session', async () => {
      const before = await exportsAudited();
      const asked = Date.now();
      const link = await linkFor(auditor);
      expect(link.url).toMatch(
        new RegExp(`^${SITE}/api/v1/campaigns/${campaignId}/report\\.csv\\?link=[\\w-]{43}$`),
      );
      const lasts = Date.parse(link.expiresAt) - asked;
      expect(lasts).toBeGreaterThan(55_000);
      expect(lasts).toBeLessThan(65_000);
      // Only the token's hash is kept.
      const token = new URL(link.url).searchParams.get('link')!;
      expect(await recert.query(`SELECT token_hash FROM report_export_link`)).toEqual([
        { token_hash: createHash('sha256').update(token).digest('hex') },
      ]);

      const res = await open(link.url, auditor.cookie).expect(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*-report\.csv"$/);
      const [entry] = await recert.query<{ actor: string; via: string; after: { sha256: string } }>(
        `SELECT actor, via, after FROM audit_event WHERE object_type = 'report_export' AND object_id = $1`,
        [res.headers['x-report-export-id']],
      );
      expect(entry).toMatchObject({
        actor: 'po',
        via: auditor.via,
        after: {
          sha256: createHash('sha256')
            .update(res.body as Buffer)
            .digest('hex'),
        },
      });

      const again = await open(link.url, auditor.cookie).expect(403);
      expect(JSON.parse((again.body as Buffer).toString('utf8')).detail).toMatch(
        /unknown, already used, expired/,
      );
      expect(await exportsAudited()).toBe(before + 1);
    });

    it('refuses an expired, forged, other campaign or other person link, and keeps it for its owner', async () => {
      const before = await exportsAudited();
      const expired = await linkFor(auditor);
      await recert.query(`UPDATE report_export_link SET expires_at = now() - interval '1 second'`);
      await open(expired.url, auditor.cookie).expect(403);

      const forged = `${SITE}/api/v1/campaigns/${campaignId}/report.csv?link=${randomBytes(32).toString('base64url')}`;
      await open(forged, auditor.cookie).expect(403);

      const link = await linkFor(auditor);
      const token = new URL(link.url).searchParams.get('link')!;
      const other = await admin()
        .post('/api/v1/campaigns', {
          title: 'Another review',
          dueAt: inDays(5),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
        })
        .expect(201);
      await open(`${SITE}/api/v1/campaigns/${other.body.id}/report.csv?link=${token}`, auditor.cookie).expect(
        403,
      );
      const someoneElse = await signIn({ identity: 'ao', roles: ['auditor'] });
      await open(link.url, someoneElse.cookie).expect(403);
      await recert
        .as('aud', 'auditor')
        .get(`/api/v1/campaigns/${campaignId}/report.csv?link=${token}`)
        .expect(403);
      // Without any credential the link is not enough.
      await recert.http().get(link.url.slice(SITE.length)).expect(401);
      expect(await exportsAudited()).toBe(before);

      await open(link.url, auditor.cookie).expect(200);
      expect(await exportsAudited()).toBe(before + 1);
    });

    it('lets a bearer client download in one call, or through a link of its own in two', async () => {
      const client = recert.as('aud', 'auditor');
      await client.get(`/api/v1/campaigns/${campaignId}/report.csv`).buffer(true).parse(bytes).expect(200);
      const link = (await client.post(`/api/v1/campaigns/${campaignId}/report.csv/link`).expect(201))
        .body as { url: string };
      await client.get(link.url.slice(SITE.length)).buffer(true).parse(bytes).expect(200);
      await client.get(link.url.slice(SITE.length)).expect(403);
      await recert.as('ra', 'reviewer').post(`/api/v1/campaigns/${campaignId}/report.csv/link`).expect(403);
      await admin()
        .post('/api/v1/campaigns/00000000-0000-4000-8000-000000000000/report.csv/link')
        .expect(404);
    });
  });
});
