import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { confirmUpdate } from '../workflows/reviewer.contract';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';
import { policyBody } from './support/policy-fixture';

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const cursorOf = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nested = (depth: number, op: 'and' | 'not'): object => {
  let e: object = { prop: { name: 'department', op: 'EQUALS', value: 'Sales' } };
  for (let i = 0; i < depth; i++) e = op === 'and' ? { and: [e] } : { not: e };
  return e;
};

/** What a raw HTTP exchange returned, for requests supertest cannot make (huge URLs, half-sent bodies). */
function raw(
  server: Server,
  options: http.RequestOptions,
  body?: { chunk: Buffer; declaredLength: number },
): Promise<{ status: number; type: string; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, ...options }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: text }),
      );
    });
    req.on('error', reject);
    if (body) {
      req.setHeader('content-length', body.declaredLength);
      // Only the first chunk is ever sent: an answer proves the server did not wait for the rest.
      req.write(body.chunk);
    } else {
      req.end();
    }
  });
}

describe('hostile input gets a clean 4xx problem, never a 500', () => {
  let recert: TestRecert;
  let server: Server;
  let campaign: CampaignView;
  let itemId: string;
  const admin = () => recert.as('root', 'admin');
  const mgr = () => recert.as('mgr', 'reviewer');
  const importXml = (xml: string) => recert.importPolicyXml(xml);

  beforeAll(async () => {
    recert = await TestRecert.start({
      env: { RECERT_BODY_LIMIT: '64kb', RECERT_IMPORTS_IN_FLIGHT: '1', RECERT_MIN_REMINDER_INTERVAL: 'PT1H' },
    });
    server = recert.app.getHttpServer() as Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
    campaign = (
      await admin()
        .post('/api/v1/campaigns', {
          title: 'Hostile',
          dueAt: inDays(3),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
        })
        .expect(201)
    ).body as CampaignView;
    await recert.waitForCampaign(campaign.id, 'active');
    itemId = (await mgr().get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200)).body.items[0].id;
  });
  afterAll(async () => {
    server.close();
    await recert.close();
  });

  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
  ) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.status).toBe(status);
    return res.body as { type: string; detail: string; errors?: { field: string; message: string }[] };
  };

  it('refuses NUL and lone surrogates in every text field, naming the field, and writes nothing', async () => {
    const auditBefore = await recert.query(`SELECT count(*)::int AS n FROM audit_event`);
    const cases: { method: 'post' | 'put'; url: string; body: object; field: string }[] = [];
    for (const bad of [NUL, SURROGATE]) {
      cases.push(
        {
          method: 'post',
          url: '/api/v1/ledger/imports',
          body: { identities: [{ key: 'x', displayName: bad }] },
          field: 'identities[0].displayName',
        },
        {
          method: 'post',
          url: '/api/v1/campaigns',
          body: { title: bad, dueAt: inDays(2), reviewers: { defaultReviewerKey: 'dflt' } },
          field: 'title',
        },
        { method: 'post', url: '/api/v1/policies', body: policyBody('p1', { name: bad }), field: 'name' },
        {
          method: 'put',
          url: '/api/v1/policies/p1',
          body: policyBody('p1', { description: bad }),
          field: 'description',
        },
        {
          method: 'post',
          url: '/api/v1/policies/preview',
          body: {
            identityScope: { expression: { prop: { name: 'department', op: 'EQUALS', value: bad } } },
            roleAssignmentScope: {},
          },
          field: 'identityScope.expression.prop.value',
        },
        {
          method: 'post',
          url: `/api/v1/campaigns/${campaign.id}/reassign`,
          body: { itemIds: [itemId], to: bad },
          field: 'to',
        },
        {
          method: 'post',
          url: '/api/v1/remediations/1/close',
          body: { outcome: 'done', comment: bad },
          field: 'comment',
        },
        {
          method: 'post',
          url: '/api/v1/ledger/imports',
          body: { identities: [{ key: 'x', displayName: 'X', attributes: { [bad]: 1 } }] },
          field: 'identities[0].attributes.a\ufffdb',
        },
      );
    }
    for (const c of cases) {
      const res = await admin()[c.method](c.url).send(c.body);
      const problem = expectProblem(res, 400);
      expect({ url: c.url, field: problem.errors?.[0].field }).toEqual({ url: c.url, field: c.field });
    }
    for (const bad of [NUL, SURROGATE]) {
      const draft = await mgr()
        .put(`/api/v1/reviews/${itemId}/draft`)
        .send({ decision: 'revoke', comment: bad });
      expect(expectProblem(draft, 400).errors?.[0].field).toBe('comment');
      const bulk = await mgr().post(`/api/v1/campaigns/${campaign.id}/decisions/bulk`, {
        filter: { applicationKey: bad },
        decision: 'approve',
      });
      expect(expectProblem(bulk, 400).errors?.[0].field).toBe('filter.applicationKey');
      for (const field of ['comment', 'forwardTo'] as const) {
        const decided = await mgr().post(`/api/v1/campaigns/${campaign.id}/decisions`, {
          decisions: [
            { itemId, decision: field === 'comment' ? 'revoke' : 'forward', forwardTo: 'bob', [field]: bad },
          ],
        });
        expect(expectProblem(decided, 400).errors?.[0].field).toBe(`decisions[0].${field}`);
      }
    }
    const xmlEntity = await importXml(
      `<RecertificationPolicy id="x1"><name>Bad&#0;name</name></RecertificationPolicy>`,
    );
    expectProblem(xmlEntity, 400);
    const xmlNul = await importXml(
      `<RecertificationPolicy id="x1"><name>Bad${NUL}</name></RecertificationPolicy>`,
    );
    expect(expectProblem(xmlNul, 400).errors?.[0].field).toBe('(body)');

    for (const url of [
      '/api/v1/audit?objectType=%00',
      '/api/v1/mail?event=%00',
      `/api/v1/campaigns/${campaign.id}/items?responsibleReviewerKey=%00`,
      '/api/v1/remediations?assigneeKey=%00',
      '/api/v1/policies?cursor=%00',
    ]) {
      const res = await admin().get(url);
      expect(expectProblem(res, 400).errors?.[0].message).toMatch(/NUL/);
    }
    expect(expectProblem(await mgr().get('/api/v1/reviews?applicationKey=%00'), 400).errors?.[0].field).toBe(
      'applicationKey',
    );
    const path = await admin().get('/api/v1/policies/a%00b');
    expect(expectProblem(path, 400).errors?.[0].field).toBe('id');

    expect(await recert.query(`SELECT count(*)::int AS n FROM audit_event`)).toEqual(auditBefore);
    expect(await recert.query(`SELECT count(*)::int AS n FROM identity WHERE key = 'x'`)).toEqual([{ n: 0 }]);
    expect(await recert.query(`SELECT count(*)::int AS n FROM policy`)).toEqual([{ n: 0 }]);
  });

  it('caps scope expressions at 32 levels and any document at 64, without a stack overflow', async () => {
    const preview = (expression: object) =>
      admin().post('/api/v1/policies/preview', { identityScope: { expression }, roleAssignmentScope: {} });
    for (const e of [nested(1000, 'and'), nested(3000, 'not')]) {
      expect(expectProblem(await preview(e), 400).detail).toMatch(/deeper than 64/);
    }
    expect(expectProblem(await preview(nested(40, 'not')), 400).detail).toMatch(/deeper than 32/);
    expect((await preview(nested(20, 'not'))).status).toBe(200);
    const notXml = (depth: number) =>
      `<RecertificationPolicy id="deep"><name>Deep policy</name><active>false</active><identityScope><searchExpression>${'<Not>'.repeat(depth)}<Prop name="department" op="EQUALS"><value>Sales</value></Prop>${'</Not>'.repeat(depth)}</searchExpression></identityScope></RecertificationPolicy>`;
    expect(expectProblem(await importXml(notXml(40)), 400).detail).toMatch(/deeper than 32/);
    expect(expectProblem(await importXml(notXml(3000)), 400).detail).toMatch(/nested tags/);
  });

  it('refuses cursors naming ids out of range on every list', async () => {
    const huge = cursorOf({ id: '99999999999999999999999' });
    for (const [who, url] of [
      [admin, `/api/v1/campaigns?cursor=${cursorOf({ createdAt: 'not a date', id: campaign.id })}`],
      [admin, `/api/v1/campaigns/${campaign.id}/items?cursor=${huge}`],
      [mgr, `/api/v1/reviews?cursor=${huge}`],
      [admin, `/api/v1/audit?cursor=${huge}`],
      [admin, `/api/v1/mail?cursor=${huge}`],
      [admin, `/api/v1/remediations?cursor=${huge}`],
      [admin, `/api/v1/provisioning-orders?cursor=${huge}`],
      [admin, `/api/v1/policies?cursor=${cursorOf({ id: NUL })}`],
    ] as const) {
      expect(expectProblem(await who().get(url), 400).errors?.[0].field).toBe('cursor');
    }
  });

  it('answers malformed transport the same way: gzip that is not, huge headers and URLs, bad path ids', async () => {
    for (const method of ['post', 'put'] as const) {
      const http = recert.http();
      const res = await (
        method === 'post' ? http.post('/api/v1/policies/preview') : http.put('/api/v1/policies/p1')
      )
        .set('authorization', `Bearer ${await recert.token('root', 'admin')}`)
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send('{"identityScope":{}}');
      expectProblem(res, 400);
    }
    const longKey = await admin()
      .post('/api/v1/campaigns', {
        title: 'Key',
        dueAt: inDays(2),
        reviewers: { defaultReviewerKey: 'dflt' },
      })
      .set('idempotency-key', 'k'.repeat(7000));
    expect(expectProblem(longKey, 400).errors?.[0].field).toBe('idempotency-key');
    const longRequestId = await admin().get('/api/v1/campaigns').set('x-request-id', 'r'.repeat(7000));
    expect(expectProblem(longRequestId, 400).errors?.[0].field).toBe('x-request-id');

    const longUrl = await raw(server, { method: 'GET', path: `/api/v1/campaigns?x=${'a'.repeat(20_000)}` });
    expect(longUrl.status).toBe(431);
    expect(longUrl.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(longUrl.body)).toMatchObject({ status: 431 });

    const upper = await admin().get(`/api/v1/campaigns/${campaign.id.toUpperCase()}/report`).expect(200);
    const lower = await admin().get(`/api/v1/campaigns/${campaign.id}/report`).expect(200);
    expect(upper.body.totals).toEqual(lower.body.totals);
    await admin().get(`/api/v1/campaigns/${campaign.id.toUpperCase()}/report.csv`).expect(200);

    const badId = await admin().get('/api/v1/campaigns/not-a-uuid');
    expect(expectProblem(badId, 400).errors?.[0]).toEqual({ field: 'id', message: 'not a campaign id' });
  });

  it('reads no body before authenticating, and bounds bodies per route', async () => {
    const unauthenticated = await raw(
      server,
      { method: 'POST', path: '/api/v1/ledger/imports', headers: { 'content-type': 'application/json' } },
      { chunk: Buffer.from('{"identities":['), declaredLength: 91 * 1024 * 1024 },
    );
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.type).toMatch(/^application\/problem\+json/);

    const big = {
      title: 'Big',
      dueAt: inDays(2),
      reviewers: { defaultReviewerKey: 'dflt' },
      description: 'x'.repeat(100_000),
    };
    expectProblem(await admin().post('/api/v1/campaigns', big), 413);
    const bigImport = {
      identities: Array.from({ length: 2000 }, (_, i) => ({ key: `bulk-${i}`, displayName: `Person ${i}` })),
    };
    expect(JSON.stringify(bigImport).length).toBeGreaterThan(64 * 1024);
    await admin().post('/api/v1/ledger/imports', bigImport).expect(200);

    // One import slot (RECERT_IMPORTS_IN_FLIGHT=1): a second import is refused while the first streams.
    const token = await recert.token('root', 'admin');
    const { port } = server.address() as AddressInfo;
    const first = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/ledger/imports',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    const firstAnswer = new Promise<number>((resolve) =>
      first.on('response', (res) => resolve(res.statusCode!)),
    );
    first.write('{"identities":[');
    await new Promise((r) => setTimeout(r, 300));
    const second = await admin().post('/api/v1/ledger/imports', smallLedger());
    expectProblem(second, 429);
    expect(second.headers['retry-after']).toBeDefined();
    first.end('{"key":"slow","displayName":"Slow import"}]}');
    expect(await firstAnswer).toBe(200);
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });

  it('refuses reminder plans faster than the configured floor, for campaigns and policies', async () => {
    const notifications = {
      reminders: { first: 'PT1S', every: 'PT1S' },
      closingSoon: null,
      escalateAfter: null,
    };
    const res = await admin().post('/api/v1/campaigns', {
      title: 'Spam',
      dueAt: inDays(2),
      reviewers: { defaultReviewerKey: 'dflt' },
      options: { notifications },
    });
    expect(expectProblem(res, 400).errors?.[0].field).toBe('options.notifications.reminders.every');
    const policy = policyBody('spam', {
      workflowStrategy: { reviewers: { defaultReviewerKey: 'dflt' }, options: { notifications } },
    });
    const refused = await admin().post('/api/v1/policies', policy);
    expect(expectProblem(refused, 400).errors?.[0].field).toBe(
      'workflowStrategy.options.notifications.reminders.every',
    );
  });

  it('answers 422 when an Idempotency-Key is reused for another request', async () => {
    const body = {
      title: 'Once',
      dueAt: inDays(2),
      reviewers: { defaultReviewerKey: 'dflt' },
      scope: { identityKeys: ['bob'] },
    };
    const created = await admin()
      .post('/api/v1/campaigns', body)
      .set('idempotency-key', 'create-1')
      .expect(201);
    const again = await admin()
      .post('/api/v1/campaigns', body)
      .set('idempotency-key', 'create-1')
      .expect(200);
    expect(again.body.id).toBe(created.body.id);
    const other = await admin()
      .post('/api/v1/campaigns', { ...body, title: 'Another' })
      .set('idempotency-key', 'create-1');
    expect(expectProblem(other, 422).type).toMatch(/idempotency-key-reused$/);

    const items = (
      await mgr().get(`/api/v1/reviews?campaignId=${campaign.id}&status=to_be_reviewed`).expect(200)
    ).body.items as { id: string }[];
    const decide = (decision: string) =>
      mgr()
        .post(`/api/v1/campaigns/${campaign.id}/decisions`, {
          decisions: [{ itemId: items[0].id, decision }],
        })
        .set('idempotency-key', 'decide-1');
    await decide('approve').expect(200);
    await decide('approve').expect(200);
    expect(expectProblem(await decide('revoke'), 422).type).toMatch(/idempotency-key-reused$/);
    const [row] = await recert.query<{ status: string }>(`SELECT status FROM review_item WHERE id = $1`, [
      items[0].id,
    ]);
    expect(row.status).toBe('ok');
  });

  it('documents the query parameters of every list and the bodies of policy run and import', async () => {
    const doc = (await recert.http().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
      >;
    };
    const queryOf = (path: string) =>
      (doc.paths[path].get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    for (const path of [
      '/api/v1/campaigns',
      '/api/v1/campaigns/{id}/items',
      '/api/v1/reviews',
      '/api/v1/audit',
      '/api/v1/mail',
      '/api/v1/remediations',
      '/api/v1/provisioning-orders',
      '/api/v1/policies',
    ]) {
      expect({ path, query: queryOf(path) }).toEqual({
        path,
        query: expect.arrayContaining(['limit', 'cursor']),
      });
    }
    expect(queryOf('/api/v1/reviews')).toEqual(
      expect.arrayContaining([
        'campaignId',
        'status',
        'applicationKey',
        'recommendation',
        'mover',
        'inactive',
      ]),
    );
    expect(doc.paths['/api/v1/policies/{id}/run'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/policies/import'].post.requestBody).toBeDefined();
  });

  it('a decision refused by PostgreSQL below the edge fails at once and never loops the task', async () => {
    // Straight to the reviewer's task, as a client of Temporal would, past the HTTP checks.
    const [open] = (
      await mgr().get(`/api/v1/reviews?campaignId=${campaign.id}&status=to_be_reviewed`).expect(200)
    ).body.items as { id: string }[];
    const handle = recert.client.workflow.getHandle(`${campaign.workflowId}-reviewer-mgr`);
    const before = (await handle.describe()).historyLength;
    const started = Date.now();
    await expect(
      handle.executeUpdate(confirmUpdate, {
        args: [{ actor: 'mgr', decisions: [{ itemId: open.id, decision: 'revoke', comment: NUL }] }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'invalid-data', nonRetryable: true } });
    expect(Date.now() - started).toBeLessThan(5_000);
    await mgr()
      .post(`/api/v1/campaigns/${campaign.id}/decisions`, {
        decisions: [{ itemId: open.id, decision: 'approve' }],
      })
      .expect(200);
    const after = await eventually(async () => (await handle.describe()).historyLength);
    expect(after - before).toBeLessThan(20);
  });
});
