import * as fs from 'node:fs';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import request from 'supertest';
import { createApiApp } from '../src/app.factory';
import { clientConnectionOptions } from '../src/temporal/connection-options';
import { eventually, TestRecert } from './support/harness';
import { policyBody, policyLedger } from './support/policy-fixture';

const SEED_XML = fs.readFileSync(path.join(__dirname, 'fixtures', 'policy-seed-002.xml'), 'utf8');
const ELIGIBLE = [
  'as-alice-crm-admin',
  'as-alice-crm-user',
  'as-bob-crm-admin',
  'as-bob-erp-user',
  'as-carl-crm-admin',
  'as-ceo-erp-root',
  'as-mgr-erp-user',
];

describe('recertification policies', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', policyLedger()).expect(200);
  });
  afterAll(() => recert.close());

  async function selected(identityScope: object, expression?: object): Promise<string[]> {
    const res = await admin()
      .post('/api/v1/policies/preview', {
        identityScope: { objectTypes: [], ...identityScope },
        roleAssignmentScope: expression ? { expression } : {},
      })
      .expect(200);
    expect(res.body.sample).toHaveLength(Math.min(res.body.assignments, 20));
    return res.body.sample.map((s: { assignmentKey: string }) => s.assignmentKey);
  }
  const importXml = (xml: string) => recert.importPolicyXml(xml);
  const prop = (name: string, op: string, value?: unknown, values?: unknown[]) => ({
    prop: { name, op, ...(value === undefined ? {} : { value }), ...(values ? { values } : {}) },
  });

  it('imports seed 002’s XML example unchanged and exports XML that imports to the same policy', async () => {
    const res = await importXml(SEED_XML).expect(201);
    expect(res.body).toMatchObject({
      id: 'fa037d3a-8cc7-4ceb-aaf1-2d883f9e4c3e',
      name: 'My Recertification Policy',
      description: 'Recertification Policy',
      active: true,
      identityScope: { expression: prop('id', 'NOT_EQUALS', 'CEO'), objectTypes: ['employee'] },
      roleAssignmentScope: { expression: prop('role.critical', 'EQUALS', 'true') },
      recertificationPeriod: 'P6M',
      campaignExecutionPlan: { scheduleType: 'INTERVAL', interval: 1, intervalUnit: 'YEARS' },
      workflowStrategy: {
        type: 'NoneRoleWorkflowStrategyType',
        readOnlyDimensionTags: ['readTag'],
        readWriteDimensionTags: ['readWriteTag'],
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: null },
      },
    });
    const id = res.body.id;
    const xml = (await admin().get(`/api/v1/policies/${id}/export?format=xml`).expect(200)).text;
    expect(xml).toContain('<search:Prop op="NOT_EQUALS" name="id">');
    const reimported = await importXml(xml).expect(200);
    const strip = ({ updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
    expect(strip(reimported.body)).toEqual(strip(res.body));
    const json = (await admin().get(`/api/v1/policies/${id}/export`).expect(200)).body;
    expect(strip((await admin().post('/api/v1/policies/import', json).expect(200)).body)).toEqual(
      strip(res.body),
    );

    const schedule = await recert.client.schedule.getHandle(`policy-${id}-campaign`).describe();
    expect(schedule.state.paused).toBe(false);
    await recert.client.schedule.getHandle(`policy-${id}-sweep`).describe();
    await importXml('<RecertificationPolicy id="x"><name>broken').expect(400);
    await admin().delete(`/api/v1/policies/${id}`).expect(204);
    await expect(recert.client.schedule.getHandle(`policy-${id}-campaign`).describe()).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
  });

  it('describes the scope language: operators, and the fields of each scope with their types', async () => {
    const language = (await recert.as('audit', 'auditor').get('/api/v1/scope-language').expect(200)).body;
    expect(language.operators).toContain('NOT_EQUALS');
    expect(language.identity).toContainEqual({ name: 'id', type: 'text' });
    expect(language.assignment).toContainEqual({ name: 'role.critical', type: 'boolean' });
    expect(language.assignment).toContainEqual({ name: 'account.lastLoginAt', type: 'timestamptz' });
    await recert.as('bob', 'reviewer').get('/api/v1/scope-language').expect(403);
  });

  it('refuses each broken rule with a problem naming the field', async () => {
    const refused = async (body: object, field: string) => {
      const res = await admin().post('/api/v1/policies', body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await refused(policyBody('has space'), 'id');
    await refused(policyBody('slash/id'), 'id');
    await refused(policyBody('ok-id', { name: 'abc' }), 'name');
    const { active: _a, ...noActive } = policyBody('ok-id');
    await refused(noActive, 'active');
    const { identityScope: _i, ...noIdentityScope } = policyBody('ok-id');
    await refused(noIdentityScope, 'identityScope');
    const { roleAssignmentScope: _r, ...noAssignmentScope } = policyBody('ok-id');
    await refused(noAssignmentScope, 'roleAssignmentScope');
    const { workflowStrategy: _w, ...noStrategy } = policyBody('ok-id');
    await refused(noStrategy, 'workflowStrategy');
    await refused(policyBody('ok-id', { recertificationPeriod: 'six months' }), 'recertificationPeriod');
    await refused(
      policyBody('ok-id', {
        campaignExecutionPlan: { scheduleType: 'INTERVAL', interval: 1, intervalUnit: 'HOURS' },
      }),
      'campaignExecutionPlan.intervalUnit',
    );
    await refused(
      policyBody('ok-id', { campaignExecutionPlan: { scheduleType: 'CRON', cron: 'every day' } }),
      'campaignExecutionPlan.cron',
    );
    await refused(
      policyBody('ok-id', { roleAssignmentScope: { expression: prop('role.secret', 'EQUALS', 'x') } }),
      'roleAssignmentScope.expression.prop.name',
    );

    await admin().post('/api/v1/policies', policyBody('Case-1')).expect(201);
    await admin().post('/api/v1/policies', policyBody('case-1')).expect(201);
    const dup = await admin().post('/api/v1/policies', policyBody('Case-1')).expect(409);
    expect(dup.body.detail).toContain('Case-1');
    const renamed = await admin()
      .put('/api/v1/policies/Case-1')
      .send({ ...policyBody('other-id') })
      .expect(400);
    expect(renamed.body.errors[0].field).toBe('id');
    const { id: _id, ...withoutId } = policyBody('Case-1', { name: 'Renamed policy' });
    expect((await admin().put('/api/v1/policies/Case-1').send(withoutId).expect(200)).body.name).toBe(
      'Renamed policy',
    );
    await admin().get('/api/v1/policies/nope').expect(404);
    await recert.as('rb', 'reviewer').post('/api/v1/policies', policyBody('r-1')).expect(403);
    await admin().delete('/api/v1/policies/Case-1').expect(204);
    await admin().delete('/api/v1/policies/case-1').expect(204);
  });

  it('refuses a cron Temporal would refuse or never run with a 400 naming it, in JSON and in XML', async () => {
    const field = 'campaignExecutionPlan.cron';
    const cronPlan = (cron: string) => ({ scheduleType: 'CRON', cron });
    const cronXml = (id: string, cron: string) =>
      SEED_XML.replace(/id="[^"]+"/, `id="${id}"`)
        .replace('<active>true</active>', '<active>false</active>')
        .replace(
          /<campaignExecutionPlan>[\s\S]*<\/campaignExecutionPlan>/,
          `<campaignExecutionPlan><scheduleType>CRON</scheduleType><cron>${cron}</cron></campaignExecutionPlan>`,
        );
    const refusedFields = (res: request.Response) => {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBeUndefined();
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    const hostile = [
      '*/0 * * * *',
      '99 99 99 99 99',
      '* * *',
      '60 * * * *',
      '* * * * * * * *',
      '',
      '0 0 30 2 *',
      '0 0 * * FRI-MON',
      '@every 0s',
      '1,'.repeat(10_000) + '1 * * * *',
    ];
    for (const cron of hostile) {
      const res = await admin().post(
        '/api/v1/policies',
        policyBody('cron-bad', { campaignExecutionPlan: cronPlan(cron) }),
      );
      expect({ cron: cron.slice(0, 20), status: res.status }).toEqual({
        cron: cron.slice(0, 20),
        status: 400,
      });
      expect(refusedFields(res)).toEqual([field]);
      expect(refusedFields(await importXml(cronXml('cron-bad', cron)).expect(400))).toEqual([field]);
    }
    await admin().get('/api/v1/policies/cron-bad').expect(404);
    await expect(
      recert.client.schedule.getHandle('policy-cron-bad-campaign').describe(),
    ).rejects.toBeInstanceOf(ScheduleNotFoundError);

    await admin()
      .post('/api/v1/policies', policyBody('cron-ok', { campaignExecutionPlan: cronPlan('0 9 * * MON-FRI') }))
      .expect(201);
    const handle = recert.client.schedule.getHandle('policy-cron-ok-campaign');
    expect((await handle.describe()).spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 9, end: 9, step: 1 }],
      dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }],
    });
    const { id: _id, ...replacement } = policyBody('cron-ok', {
      campaignExecutionPlan: cronPlan('*/0 * * * *'),
    });
    expect(
      refusedFields(await admin().put('/api/v1/policies/cron-ok').send(replacement).expect(400)),
    ).toEqual([field]);
    await importXml(cronXml('cron-ok', '*/15 6-18 1,15 JAN/3 *')).expect(200);
    expect((await handle.describe()).spec.calendars?.[0]).toMatchObject({
      minute: [{ start: 0, end: 59, step: 15 }],
      month: [{ start: 'JANUARY', end: 'DECEMBER', step: 3 }],
    });

    // A plan stored before these checks: Temporal's own refusal is the same 400, not an outage's 503.
    await recert.query(`UPDATE policy SET campaign_execution_plan = $1 WHERE id = 'cron-ok'`, [
      cronPlan('*/0 * * * *'),
    ]);
    const refused = await admin().post('/api/v1/policies/cron-ok/activate').expect(400);
    expect(refusedFields(refused)).toEqual([field]);
    expect(refused.body.detail).toContain('Temporal refuses the schedule');
    expect((await recert.query(`SELECT active FROM policy WHERE id = 'cron-ok'`))[0]).toEqual({
      active: false,
    });
    await admin().delete('/api/v1/policies/cron-ok').expect(204);
  });

  it('lists policies with their schedules from one listing of Temporal’s schedules, not calls per policy', async () => {
    const monthly = { scheduleType: 'INTERVAL', interval: 1, intervalUnit: 'MONTHS' };
    await admin()
      .post('/api/v1/policies', policyBody('listed-a', { campaignExecutionPlan: monthly }))
      .expect(201);
    await admin()
      .post(
        '/api/v1/policies',
        policyBody('listed-b', {
          campaignExecutionPlan: { scheduleType: 'CRON', cron: '0 6 1 */3 *' },
          recertificationPeriod: 'P6M',
        }),
      )
      .expect(201);
    await admin().post('/api/v1/policies', policyBody('listed-c')).expect(201);

    const service = recert.client.workflowService;
    const describes = jest.spyOn(service, 'describeSchedule');
    const listings = jest.spyOn(service, 'listSchedules');
    try {
      type Listed = { id: string; schedules: { mode: string; paused: boolean; nextRunTimes: string[] }[] };
      // Temporal's listing follows a new schedule a moment later.
      const listed = await eventually(async () => {
        describes.mockClear();
        listings.mockClear();
        const items = (await admin().get('/api/v1/policies?limit=500').expect(200)).body.items as Listed[];
        expect(listings).toHaveBeenCalledTimes(1);
        expect(describes).not.toHaveBeenCalled();
        const mine = items.filter((p) => p.id.startsWith('listed-'));
        return mine.every((p) => p.id === 'listed-c' || p.schedules.length > 0) ? mine : undefined;
      });
      expect(
        listed.map((p) => [p.id, p.schedules.map((s) => [s.mode, s.paused, s.nextRunTimes.length])]),
      ).toEqual([
        ['listed-a', [['campaign', true, 3]]],
        [
          'listed-b',
          [
            ['campaign', true, 3],
            ['sweep', true, 3],
          ],
        ],
        ['listed-c', []],
      ]);

      describes.mockClear();
      listings.mockClear();
      const one = (await admin().get('/api/v1/policies/listed-b').expect(200)).body as Listed;
      expect(describes).toHaveBeenCalledTimes(2);
      expect(listings).not.toHaveBeenCalled();
      expect(one.schedules).toEqual(listed[1].schedules);
    } finally {
      describes.mockRestore();
      listings.mockRestore();
    }
    for (const id of ['listed-a', 'listed-b', 'listed-c'])
      await admin().delete(`/api/v1/policies/${id}`).expect(204);
  });

  it('shows policies from PostgreSQL, schedules unknown, when Temporal accepts connections and never answers', async () => {
    await admin()
      .post(
        '/api/v1/policies',
        policyBody('unanswered', {
          campaignExecutionPlan: { scheduleType: 'INTERVAL', interval: 1, intervalUnit: 'WEEKS' },
        }),
      )
      .expect(201);
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const connection = Connection.lazy(
      clientConnectionOptions(recert.config.temporal, `127.0.0.1:${(silent.address() as AddressInfo).port}`),
    );
    const app = await createApiApp({
      config: recert.config,
      db: recert.db,
      temporal: new Client({ connection, namespace: recert.namespace }),
    });
    await app.init();
    try {
      const token = await recert.token('root', 'admin');
      for (const url of ['/api/v1/policies', '/api/v1/policies/unanswered']) {
        const started = Date.now();
        const res = await request(app.getHttpServer()).get(url).set('authorization', `Bearer ${token}`);
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        // The reads give up after a few seconds; without a deadline they waited for the connection to fail.
        expect(Date.now() - started).toBeLessThan(10_000);
        const policy =
          url === '/api/v1/policies'
            ? res.body.items.find((p: { id: string }) => p.id === 'unanswered')
            : res.body;
        expect(policy).toMatchObject({ id: 'unanswered', schedules: null });
      }
    } finally {
      await app.close();
      await connection.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    await admin().delete('/api/v1/policies/unanswered').expect(204);
  });

  it('selects with every operator on real data, only ASSIGNED and modifiable assignments', async () => {
    expect(await selected({})).toEqual(ELIGIBLE);
    expect(await selected({}, prop('role.critical', 'EQUALS', true))).toEqual([
      'as-alice-crm-admin',
      'as-bob-crm-admin',
      'as-carl-crm-admin',
      'as-ceo-erp-root',
    ]);
    expect(await selected({ expression: prop('id', 'NOT_EQUALS', 'CEO') })).toEqual(
      ELIGIBLE.filter((k) => k !== 'as-ceo-erp-root'),
    );
    expect(await selected({ expression: prop('department', 'IN', undefined, ['HR', 'Finance']) })).toEqual([
      'as-bob-crm-admin',
      'as-bob-erp-user',
    ]);
    expect(await selected({ expression: prop('name', 'CONTAINS', 'LI') })).toEqual([
      'as-alice-crm-admin',
      'as-alice-crm-user',
    ]);
    expect(await selected({}, prop('role.id', 'STARTS_WITH', 'erp-'))).toEqual([
      'as-bob-erp-user',
      'as-ceo-erp-root',
      'as-mgr-erp-user',
    ]);
    expect(await selected({}, prop('account.lastLoginAt', 'GREATER_THAN', '2026-01-01T00:00:00Z'))).toEqual([
      'as-alice-crm-admin',
    ]);
    expect(await selected({}, prop('account.lastLoginAt', 'LESS_THAN', '2026-01-01T00:00:00Z'))).toEqual([
      'as-bob-crm-admin',
    ]);
    expect(await selected({ expression: prop('manager.id', 'IS_NULL') })).toEqual(['as-ceo-erp-root']);
    expect(await selected({ objectTypes: ['contractor'] })).toEqual(['as-carl-crm-admin']);
    expect(
      await selected(
        {},
        {
          and: [
            prop('role.critical', 'EQUALS', 'true'),
            { not: prop('identity.department', 'EQUALS', 'Sales') },
          ],
        },
      ),
    ).toEqual(['as-bob-crm-admin', 'as-ceo-erp-root']);
    expect(
      await selected(
        {},
        { or: [prop('role.id', 'EQUALS', 'crm-user'), prop('assignment.id', 'EQUALS', 'as-mgr-erp-user')] },
      ),
    ).toEqual(['as-alice-crm-user', 'as-mgr-erp-user']);
  });

  it('keeps hostile expressions to their values: nothing selected, no error, the ledger intact', async () => {
    const before = await recert.query<{ n: string }>(`SELECT count(*) AS n FROM assignment`);
    for (const value of ["x' OR '1'='1", "'; DROP TABLE assignment; --", '%', '_', "') OR 1=1 --"]) {
      expect(await selected({ expression: prop('id', 'EQUALS', value) })).toEqual([]);
      expect(await selected({}, prop('role.name', 'CONTAINS', value))).toEqual([]);
      expect(await selected({}, prop('role.id', 'IN', undefined, [value]))).toEqual([]);
    }
    for (const name of ['i.key) OR (1=1', '__proto__', 'constructor', 'id; DROP TABLE policy']) {
      const res = await admin()
        .post('/api/v1/policies/preview', {
          identityScope: { expression: prop(name, 'EQUALS', 'x') },
          roleAssignmentScope: {},
        })
        .expect(400);
      expect(res.body.errors[0]).toEqual({
        field: 'identityScope.expression.prop.name',
        message: `unknown field "${name}"`,
      });
    }
    const badOp = await admin()
      .post('/api/v1/policies/preview', {
        identityScope: {},
        roleAssignmentScope: { expression: prop('role.id', "EQUALS' OR 1=1 --", 'x') },
      })
      .expect(400);
    expect(badOp.body.errors[0].field).toMatch(/^roleAssignmentScope\.expression/);
    const badValue = await admin()
      .post('/api/v1/policies/preview', {
        identityScope: {},
        roleAssignmentScope: { expression: prop('role.critical', 'EQUALS', 'yes') },
      })
      .expect(400);
    expect(badValue.body.errors[0].field).toBe('roleAssignmentScope.expression.prop.value');
    expect(await recert.query(`SELECT count(*) AS n FROM assignment`)).toEqual(before);
  });

  it('refuses to activate a policy whose scope overlaps an active one, naming it and shared assignments', async () => {
    await admin()
      .post(
        '/api/v1/policies',
        policyBody('critical', {
          active: true,
          roleAssignmentScope: { expression: prop('role.critical', 'EQUALS', true) },
        }),
      )
      .expect(201);
    const sales = policyBody('sales', {
      identityScope: { expression: prop('department', 'EQUALS', 'Sales'), objectTypes: [] },
    });
    const refused = await admin()
      .post('/api/v1/policies', { ...sales, active: true })
      .expect(409);
    expect(refused.body.detail).toContain('critical');
    expect(refused.body.detail).toContain('as-alice-crm-admin');
    await admin().post('/api/v1/policies', sales).expect(201);
    await admin().post('/api/v1/policies/sales/activate').expect(409);
    const { id: _id, ...distinct } = policyBody('sales', {
      identityScope: { expression: prop('department', 'EQUALS', 'Sales'), objectTypes: [] },
      roleAssignmentScope: { expression: prop('role.critical', 'EQUALS', false) },
    });
    await admin().put('/api/v1/policies/sales').send(distinct).expect(200);
    expect((await admin().post('/api/v1/policies/sales/activate').expect(200)).body.active).toBe(true);
    await admin().delete('/api/v1/policies/sales').expect(204);
    await admin().delete('/api/v1/policies/critical').expect(204);
  });

  it('runs campaign mode on a Temporal Schedule: paused while inactive, a triggered run launches exactly the scope', async () => {
    await admin()
      .post(
        '/api/v1/policies',
        policyBody('yearly', {
          active: true,
          identityScope: { objectTypes: ['employee'] },
          roleAssignmentScope: { expression: prop('role.critical', 'EQUALS', 'true') },
          campaignExecutionPlan: { scheduleType: 'INTERVAL', interval: 1, intervalUnit: 'YEARS' },
        }),
      )
      .expect(201);
    const handle = recert.client.schedule.getHandle('policy-yearly-campaign');
    const described = await handle.describe();
    expect(described.state.paused).toBe(false);
    expect(described.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
    // Deactivation and activation reach the schedule as updates its scheduler applies a moment later.
    const pausedBecomes = (paused: boolean) =>
      eventually(async () => ((await handle.describe()).state.paused === paused ? true : undefined), 10_000);
    await admin().post('/api/v1/policies/yearly/deactivate').expect(200);
    await pausedBecomes(true);
    await admin().post('/api/v1/policies/yearly/activate').expect(200);
    await pausedBecomes(false);

    // The policy shows its schedule's next runs: the 1st of January at 06:00 UTC, a year apart.
    const shown = (await recert.as('audit', 'auditor').get('/api/v1/policies/yearly').expect(200)).body;
    expect(shown.schedules).toEqual([
      {
        mode: 'campaign',
        scheduleId: 'policy-yearly-campaign',
        paused: false,
        nextRunTimes: expect.arrayContaining([expect.stringMatching(/^\d{4}-01-01T06:00:00/)]),
      },
    ]);
    const [next, after] = shown.schedules[0].nextRunTimes as string[];
    expect(new Date(after).getUTCFullYear() - new Date(next).getUTCFullYear()).toBe(1);
    // The list reads Temporal's listing, which follows the activation a moment later.
    await eventually(async () => {
      const listed = (await admin().get('/api/v1/policies').expect(200)).body.items;
      expect(listed.find((p: { id: string }) => p.id === 'yearly').schedules).toEqual(shown.schedules);
      return true;
    }, 10_000);

    await handle.trigger();
    const [launched] = await eventually(async () => {
      const rows = await recert.query<{ id: string }>(`SELECT id FROM campaign WHERE policy_id = 'yearly'`);
      return rows.length ? rows : undefined;
    });
    const campaign = await recert.waitForCampaign(launched.id, 'active');
    expect(campaign.policyId).toBe('yearly');
    const items = (await admin().get(`/api/v1/campaigns/${campaign.id}/items`).expect(200)).body.items;
    expect(items.map((i: { assignmentKey: string }) => i.assignmentKey).sort()).toEqual([
      'as-alice-crm-admin',
      'as-bob-crm-admin',
      'as-ceo-erp-root',
    ]);
    await admin().post(`/api/v1/campaigns/${campaign.id}/cancel`).expect(200);
    await admin().delete('/api/v1/policies/yearly').expect(204);
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('sweeps on the fly for assignments whose last certification is older than the period', async () => {
    await admin()
      .post(
        '/api/v1/policies',
        policyBody('crm-otf', {
          active: true,
          roleAssignmentScope: { expression: prop('role.id', 'STARTS_WITH', 'crm-') },
          recertificationPeriod: 'P6M',
        }),
      )
      .expect(201);
    await recert.client.schedule.getHandle('policy-crm-otf-sweep').describe();
    const run = (
      await admin()
        .post('/api/v1/policies/crm-otf/run', { mode: 'sweep' })
        .set('idempotency-key', 'sweep-1')
        .expect(200)
    ).body;
    expect(run.items).toBe(3);
    await recert.waitForCampaign(run.campaignId, 'active');
    const mgr = recert.as('mgr', 'reviewer');
    const items = (await mgr.get(`/api/v1/reviews?campaignId=${run.campaignId}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    expect(items.map((i) => i.assignmentKey).sort()).toEqual([
      'as-alice-crm-user',
      'as-bob-crm-admin',
      'as-carl-crm-admin',
    ]);
    const again = (
      await admin()
        .post('/api/v1/policies/crm-otf/run', { mode: 'sweep' })
        .set('idempotency-key', 'sweep-1')
        .expect(200)
    ).body;
    expect(again.campaignId).toBe(run.campaignId);
    const whileOpen = (await admin().post('/api/v1/policies/crm-otf/run', { mode: 'sweep' }).expect(200))
      .body;
    expect(whileOpen).toMatchObject({ campaignId: null, items: 0 });

    await mgr
      .post(`/api/v1/campaigns/${run.campaignId}/decisions`, {
        decisions: items.map((i) => ({ itemId: i.id, decision: 'approve' })),
      })
      .expect(200);
    const certified = await recert.query<{ key: string; fresh: boolean }>(
      `SELECT key, last_certified_at > now() - interval '1 minute' AS fresh FROM assignment
       WHERE key = ANY($1) ORDER BY key`,
      [items.map((i) => i.assignmentKey)],
    );
    expect(certified.every((r) => r.fresh)).toBe(true);
    await recert.waitForCampaign(run.campaignId, 'closed');
    const nothingDue = (await admin().post('/api/v1/policies/crm-otf/run', { mode: 'sweep' }).expect(200))
      .body;
    expect(nothingDue).toMatchObject({ campaignId: null, items: 0 });
    await admin().post('/api/v1/policies/crm-otf/deactivate').expect(200);
    await admin().post('/api/v1/policies/crm-otf/run', { mode: 'sweep' }).expect(409);
  });
});
