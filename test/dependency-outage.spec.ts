import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../src/app.factory';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { Database } from '../src/database/database';
import { openDatabase } from '../src/database/data-source';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';
import { TcpProxy } from './support/tcp-proxy';
import { readTestEnv } from './support/test-env';

/**
 * Issue 10: while Temporal or PostgreSQL cannot be reached, the API answers 503 problem+json within a
 * few seconds — not a 500, not a 20 s hang — and works again once they are back. The outages are real:
 * the servers sit behind TCP relays that the test cuts (connections reset, new ones refused).
 */
describe('the API while a dependency is unreachable', () => {
  const [temporalHost, temporalPort] = readTestEnv().temporalAddress.split(':');
  const temporalProxy = new TcpProxy(temporalHost, Number(temporalPort));
  let databaseProxy: TcpProxy;
  let recert: TestRecert;
  let proxiedDataSource: DataSource;
  let proxiedApp: INestApplication;
  let campaign: CampaignView;
  let items: { id: string }[];

  beforeAll(async () => {
    await temporalProxy.open();
    recert = await TestRecert.start({ env: { TEMPORAL_ADDRESS: temporalProxy.address } });
    const url = new URL(recert.databaseUrl);
    databaseProxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await databaseProxy.open();
    url.host = databaseProxy.address;
    proxiedDataSource = await openDatabase(url.toString(), 4);
    proxiedApp = await createApiApp({
      config: recert.config,
      db: new Database(proxiedDataSource),
      temporal: recert.client,
    });
    await proxiedApp.init();

    const admin = recert.as('root', 'admin');
    await admin.post('/api/v1/ledger/imports', smallLedger()).expect(200);
    campaign = (
      await admin
        .post('/api/v1/campaigns', {
          title: 'Outage',
          dueAt: inDays(2),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
          options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
        })
        .expect(201)
    ).body as CampaignView;
    await recert.waitForCampaign(campaign.id, 'active');
    items = (await recert.as('mgr', 'reviewer').get(`/api/v1/reviews?campaignId=${campaign.id}`).expect(200))
      .body.items;
  });
  afterAll(async () => {
    await proxiedApp?.close();
    await proxiedDataSource?.destroy();
    await recert.close();
    await temporalProxy.cut();
    await databaseProxy?.cut();
  });

  const decide = async (app: INestApplication, itemId: string) =>
    request(app.getHttpServer())
      .post(`/api/v1/campaigns/${campaign.id}/decisions`)
      .set('authorization', `Bearer ${await recert.token('mgr', 'reviewer')}`)
      .send({ decisions: [{ itemId, decision: 'approve' }] });

  it('answers 503 within seconds while Temporal is cut off, then decides again', async () => {
    await temporalProxy.cut();
    const started = Date.now();
    const res = await decide(recert.app, items[0].id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(/temporal-unavailable$/);
    const health = await recert.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.checks).toEqual({ database: 'up', temporal: 'down' });

    await temporalProxy.open();
    await eventually(async () => ((await decide(recert.app, items[0].id)).status === 200 ? true : undefined));
  });

  it('answers 503 within seconds while PostgreSQL is cut off, then decides again', async () => {
    await databaseProxy.cut();
    for (const call of [
      () => decide(proxiedApp, items[1].id),
      async () =>
        request(proxiedApp.getHttpServer())
          .get(`/api/v1/reviews?campaignId=${campaign.id}`)
          .set('authorization', `Bearer ${await recert.token('mgr', 'reviewer')}`),
    ]) {
      const started = Date.now();
      const res = await call();
      expect(Date.now() - started).toBeLessThan(7_000);
      expect(res.status).toBe(503);
      expect(res.body.type).toMatch(/database-unavailable$/);
      expect(res.headers['retry-after']).toBeDefined();
    }
    await databaseProxy.open();
    await eventually(async () => ((await decide(proxiedApp, items[1].id)).status === 200 ? true : undefined));
  });
});
