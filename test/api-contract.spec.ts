import { testPort } from './support/test-port';
import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

describe('API contract: authentication, roles, validation and errors', () => {
  let recert: TestRecert;
  let campaignId: string;

  beforeAll(async () => {
    recert = await TestRecert.start();
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
    const res = await recert
      .as('root', 'admin')
      .post('/api/v1/campaigns', {
        title: 'Contract campaign',
        dueAt: inDays(3),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      })
      .expect(201);
    campaignId = res.body.id;
  });
  afterAll(() => recert.close());

  it('answers 401 problem+json without a valid token', async () => {
    for (const auth of [
      undefined,
      'Bearer nonsense',
      // A token of the right shape signed with a key the issuer never published.
      'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6Im5vdC1hLWtleSJ9.eyJzdWIiOiJyb290IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl',
    ]) {
      const req = recert.http().get('/api/v1/campaigns');
      if (auth) req.set('authorization', auth);
      const res = await req.expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 401,
        title: expect.any(String),
        type: expect.stringContaining('unauthorized'),
      });
    }
  });

  it('answers 403 for a wrong role', async () => {
    await recert.as('mgr', 'reviewer').get('/api/v1/campaigns').expect(403);
    await recert.as('aud', 'auditor').post(`/api/v1/campaigns/${campaignId}/pause`).expect(403);
    await recert.as('aud', 'auditor').post('/api/v1/campaigns', {}).expect(403);
    await recert.as('root', 'admin').get('/api/v1/reviews').expect(403);
    await recert.as('aud', 'auditor').get(`/api/v1/campaigns/${campaignId}`).expect(200);
    await recert.as('aud', 'auditor').get(`/api/v1/audit?campaignId=${campaignId}`).expect(200);
  });

  it('refuses invalid campaigns with the field at fault and creates nothing', async () => {
    const admin = recert.as('root', 'admin');
    const base = { title: 'Valid title', dueAt: inDays(3), reviewers: { defaultReviewerKey: 'dflt' } };
    const cases: [object, string][] = [
      [{ ...base, title: '' }, 'title'],
      [{ ...base, dueAt: '2020-01-01T00:00:00Z' }, 'dueAt'],
      [{ ...base, dueAt: 'tomorrow' }, 'dueAt'],
      [{ ...base, onDueDate: 'maybe' }, 'onDueDate'],
      [{ ...base, type: 'group' }, 'type'],
      [{ ...base, priority: 6 }, 'priority'],
      [{ ...base, reviewers: { defaultReviewerKey: 'nobody' } }, 'reviewers.defaultReviewerKey'],
      [{ ...base, reviewers: { defaultReviewerKey: 'gone' } }, 'reviewers.defaultReviewerKey'],
      [
        { ...base, reviewers: { strategy: ['astrologer'], defaultReviewerKey: 'dflt' } },
        'reviewers.strategy[0]',
      ],
      [{ ...base, scope: { applicationKeys: ['crm', 'nope'] } }, 'scope.applicationKeys'],
    ];
    const before = await recert.query(`SELECT id FROM campaign`);
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/campaigns', body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await recert.query(`SELECT id FROM campaign`)).toEqual(before);
  });

  it('creates a campaign once per Idempotency-Key', async () => {
    const admin = recert.as('root', 'admin');
    const body = { title: 'Idempotent', dueAt: inDays(3), reviewers: { defaultReviewerKey: 'dflt' } };
    const first = await admin.post('/api/v1/campaigns', body).set('idempotency-key', 'k-1').expect(201);
    const second = await admin.post('/api/v1/campaigns', body).set('idempotency-key', 'k-1').expect(200);
    expect(second.body.id).toBe(first.body.id);
    expect(await recert.query(`SELECT id FROM campaign WHERE title = 'Idempotent'`)).toHaveLength(1);
  });

  it('pages the inbox with an opaque cursor', async () => {
    const mgr = recert.as('mgr', 'reviewer');
    const all = await waitForInbox(mgr, campaignId);
    expect(all).toHaveLength(4);
    const first = await mgr.get(`/api/v1/reviews?campaignId=${campaignId}&limit=3`).expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await mgr
      .get(`/api/v1/reviews?campaignId=${campaignId}&limit=3&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: all[3].id })],
      nextCursor: null,
      counts: { to_be_reviewed: 4 },
    });
    await mgr.get(`/api/v1/reviews?cursor=not-a-cursor`).expect(400);
    const toReview = await mgr.get(`/api/v1/reviews?campaignId=${campaignId}&status=ok`).expect(200);
    expect(toReview.body.items).toEqual([]);
  });

  it('refuses decisions on foreign, unknown or malformed items and unknown campaigns, recording nothing', async () => {
    const mgr = recert.as('mgr', 'reviewer');
    const ceo = recert.as('ceo', 'reviewer');
    const mine = await waitForInbox(mgr, campaignId);
    const foreign = (await waitForInbox(ceo, campaignId))[0];
    const url = `/api/v1/campaigns/${campaignId}/decisions`;

    const notMine = await mgr
      .post(url, {
        decisions: [
          { itemId: mine[0].id, decision: 'approve' },
          { itemId: foreign.id, decision: 'approve' },
        ],
      })
      .expect(404);
    const unknown = await mgr
      .post(url, { decisions: [{ itemId: '999999999', decision: 'approve' }] })
      .expect(404);
    expect(notMine.body.type).toBe(unknown.body.type);
    expect(notMine.body.detail).not.toContain('ceo');
    await mgr.post(url, { decisions: [{ itemId: mine[0].id, decision: 'maybe' }] }).expect(400);
    await mgr.post(url, { decisions: [{ itemId: 'abc', decision: 'approve' }] }).expect(400);
    await mgr.post(url, { decisions: [] }).expect(400);
    await mgr
      .post(url, {
        decisions: [
          { itemId: mine[0].id, decision: 'approve' },
          { itemId: mine[0].id, decision: 'revoke' },
        ],
      })
      .expect(400);
    await mgr
      .post(`/api/v1/campaigns/00000000-0000-4000-8000-000000000000/decisions`, {
        decisions: [{ itemId: mine[0].id, decision: 'approve' }],
      })
      .expect(404);
    const decided = await recert.query(
      `SELECT id FROM review_item WHERE campaign_id = $1 AND status <> 'to_be_reviewed'`,
      [campaignId],
    );
    expect(decided).toEqual([]);
  });

  it('refuses to adopt a workflow id held by another campaign', async () => {
    const [seq] = await recert.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value, is_called FROM campaign_number_seq`,
    );
    const next = Number(seq.last_value) + (seq.is_called ? 1 : 0);
    const squatter = `campaign-CAMP-${String(next).padStart(6, '0')}`;
    await recert.client.workflow.start('campaignWorkflow', {
      workflowId: squatter,
      taskQueue: 'nobody-polls-this-queue',
      args: [],
    });
    const res = await recert
      .as('root', 'admin')
      .post('/api/v1/campaigns', {
        title: 'Collides',
        dueAt: inDays(3),
        reviewers: { defaultReviewerKey: 'dflt' },
      })
      .expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const [row] = await recert.query<{ status: string; workflow_id: string }>(
      `SELECT status, workflow_id FROM campaign WHERE title = 'Collides'`,
    );
    expect(row).toEqual({ status: 'cancelled', workflow_id: squatter });
    await recert.client.workflow.getHandle(squatter).terminate('test over');
  });

  it('keeps the audit trail append-only', async () => {
    await expect(recert.query(`UPDATE audit_event SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
    await expect(recert.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });

  it('serves the web app at / and for the paths it routes, with its security headers; never for the API', async () => {
    for (const url of ['/', '/reviews/0b9e09a7-30e8-482e-ba95-5fd4383b99c1']) {
      const page = await recert.http().get(url).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await recert.http().get('/').expect(200)).text)![1];
    const asset = await recert.http().get(script).expect(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const missingAsset = await recert.http().get('/assets/nothing.js').expect(404);
    expect(missingAsset.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The API's own paths are never the page, even for a browser.
    const api = await recert.http().get('/api/v1/campaigns').set('accept', 'application/json').expect(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves health, metrics, the OpenAPI document and problem+json for unknown routes', async () => {
    const health = await recert.http().get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up', temporal: 'up' } });
    const doc = await recert.http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/campaigns', '/api/v1/reviews']),
    );
    const metrics = await recert.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /recert_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
    const missing = await recert.as('root', 'admin').get('/api/v1/nothing-here').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const badJson = await recert
      .http()
      .post('/api/v1/campaigns')
      .set('authorization', `Bearer ${await recert.token('root', 'admin')}`)
      .set('content-type', 'application/json')
      .send('{"title": ')
      .expect(400);
    expect(badJson.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

/** The caller's items once the campaign is active (a campaign in `init` shows none). */
async function waitForInbox(as: ReturnType<TestRecert['as']>, campaignId: string): Promise<{ id: string }[]> {
  for (let i = 0; i < 100; i++) {
    const items = (await as.get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items;
    if (items.length > 0) return items;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('inbox stayed empty');
}

describe('Prometheus metrics where the configuration puts them', () => {
  const TOKEN = 'metrics-0123456789abcdef0123456789';
  const scrape = (recert: TestRecert, authorization?: string) => {
    const req = recert.http().get('/metrics');
    return authorization === undefined ? req : req.set('authorization', authorization);
  };
  const problemOf = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as unknown,
  });

  it('asks for METRICS_TOKEN on the public port, and never sends a browser to sign in for it', async () => {
    const recert = await TestRecert.start({ worker: false, env: { METRICS_TOKEN: TOKEN } });
    try {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Basic ${TOKEN}`,
        TOKEN,
        // A valid token of the identity provider is not the metrics token.
        `Bearer ${await recert.token('root', 'admin')}`,
      ]) {
        const res = await scrape(recert, authorization).expect(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
        expect(res.body).toMatchObject({ status: 401, title: 'Metrics token required' });
        expect(res.text).not.toMatch(/recert_/);
      }
      const browser = await recert.http().get('/metrics').set('accept', 'text/html,*/*;q=0.8').expect(401);
      expect(browser.headers.location).toBeUndefined();
      await recert.http().get('/health').expect(200);
      const metrics = await scrape(recert, `Bearer ${TOKEN}`).expect(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      expect(metrics.text).toMatch(
        /recert_http_request_duration_seconds_count\{method="GET",route="\/health"/,
      );
    } finally {
      await recert.close();
    }
  });

  it('serves them on METRICS_PORT only, with the token when one is set', async () => {
    const port = await testPort();
    const base = `http://127.0.0.1:${port}`;
    const recert = await TestRecert.start({
      worker: false,
      env: { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN },
    });
    try {
      const onPublicPort = await scrape(recert, `Bearer ${TOKEN}`).expect(404);
      expect(onPublicPort.headers['content-type']).toMatch(/^application\/problem\+json/);
      await recert.http().get('/health').expect(200);

      const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(
        /recert_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/,
      );
      expect(await problemOf(await fetch(`${base}/metrics`))).toEqual({
        status: 401,
        type: 'application/problem+json',
        body: expect.objectContaining({ title: 'Metrics token required', status: 401, instance: '/metrics' }),
      });
      // Nothing of the API is reachable through this port.
      const headers = { authorization: `Bearer ${await recert.token('root', 'admin')}` };
      expect(await problemOf(await fetch(`${base}/api/v1/campaigns`, { headers }))).toEqual({
        status: 404,
        type: 'application/problem+json',
        body: expect.objectContaining({ status: 404 }),
      });
      const post = await fetch(`${base}/metrics`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    } finally {
      await recert.close();
    }
    // The listener closes with the API.
    await expect(fetch(`${base}/metrics`)).rejects.toThrow();
  });

  it('keeps them closed in production when neither METRICS_PORT nor METRICS_TOKEN is set', async () => {
    const recert = await TestRecert.start({ worker: false, env: { NODE_ENV: 'production' } });
    try {
      const res = await scrape(recert).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      await recert.http().get('/health').expect(200);
    } finally {
      await recert.close();
    }
  });
});
