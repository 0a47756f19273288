import type { ChildProcess } from 'node:child_process';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';
import { spawnWorker } from './support/worker-process';

describe('a worker killed mid-campaign', () => {
  let recert: TestRecert;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await recert.close();
  });

  it('is replaced by a new worker and the campaign completes with nothing lost', async () => {
    child = await spawnWorker(recert);
    const admin = recert.as('root', 'admin');
    const mgr = recert.as('mgr', 'reviewer');
    const created = (
      await admin
        .post('/api/v1/campaigns', {
          title: 'Survives a crash',
          dueAt: inDays(5),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        })
        .expect(201)
    ).body as CampaignView;
    await recert.waitForCampaign(created.id, 'active');
    const items = (await mgr.get(`/api/v1/reviews?campaignId=${created.id}`).expect(200)).body.items as {
      id: string;
    }[];
    expect(items).toHaveLength(4);
    await mgr
      .post(`/api/v1/campaigns/${created.id}/decisions`, {
        decisions: [
          { itemId: items[0].id, decision: 'approve' },
          { itemId: items[1].id, decision: 'revoke' },
        ],
      })
      .expect(200);

    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;

    // Sent while no worker runs: it waits in Temporal and completes once the replacement is up.
    const pending = mgr.post(`/api/v1/campaigns/${created.id}/decisions`, {
      decisions: [{ itemId: items[2].id, decision: 'approve' }],
    });
    const pendingDone = pending.then((res) => res);
    await new Promise((r) => setTimeout(r, 1000));
    await recert.startWorker();
    expect((await pendingDone).status).toBe(200);

    await mgr
      .post(`/api/v1/campaigns/${created.id}/decisions`, {
        decisions: [{ itemId: items[3].id, decision: 'approve' }],
      })
      .expect(200);
    const dflt = recert.as('dflt', 'reviewer');
    const dfltItems = (await dflt.get(`/api/v1/reviews?campaignId=${created.id}`).expect(200)).body.items as {
      id: string;
    }[];
    await dflt
      .post(`/api/v1/campaigns/${created.id}/decisions`, {
        decisions: dfltItems.map((i) => ({ itemId: i.id, decision: 'revoke' })),
      })
      .expect(200);
    const ceo = recert.as('ceo', 'reviewer');
    const [ceoItem] = (await ceo.get(`/api/v1/reviews?campaignId=${created.id}`).expect(200)).body.items as {
      id: string;
    }[];
    await ceo
      .post(`/api/v1/campaigns/${created.id}/decisions`, {
        decisions: [{ itemId: ceoItem.id, decision: 'approve' }],
      })
      .expect(200);

    const closed = await recert.waitForCampaign(created.id, 'closed');
    expect(closed.counts).toEqual({
      total: 7,
      to_be_reviewed: 0,
      ok: 4,
      revoke: 3,
      update: 0,
      reassign: 0,
      not_reviewed: 0,
    });
    const decided = await recert.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_event WHERE campaign_id = $1 AND action = 'item.decided'`,
      [created.id],
    );
    expect(Number(decided[0].n)).toBe(7);
  });
});
