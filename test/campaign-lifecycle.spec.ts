import type { CampaignView } from '../src/campaigns/campaign.view';
import { CampaignStateKey } from '../workflows/search-attributes';
import { eventually, TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

type Item = { id: string; identityKey: string; status: string; responsibleReviewerKey: string };
type Campaign = CampaignView;

describe('a campaign from import to closed, over HTTP', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const reviewer = (key: string) => recert.as(key, 'reviewer');

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert.close());

  async function launch(body: object): Promise<Campaign> {
    const res = await admin().post('/api/v1/campaigns', body).expect(201);
    return res.body as Campaign;
  }

  async function campaign(id: string): Promise<Campaign> {
    return (await admin().get(`/api/v1/campaigns/${id}`).expect(200)).body as Campaign;
  }

  const waitForStatus = (id: string, status: string) => recert.waitForCampaign(id, status);

  async function inbox(key: string, campaignId: string): Promise<Item[]> {
    const res = await reviewer(key).get(`/api/v1/reviews?campaignId=${campaignId}&limit=100`).expect(200);
    return res.body.items as Item[];
  }

  const decide = (key: string, campaignId: string, decisions: object[]) =>
    reviewer(key).post(`/api/v1/campaigns/${campaignId}/decisions`, { decisions });

  it('runs launch → decisions → pause → refused decision → resume → decisions → closed with exact counts', async () => {
    const created = await launch({
      title: 'Quarterly CRM and ERP review',
      dueAt: inDays(30),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    });
    expect(created).toMatchObject({
      number: expect.stringMatching(/^CAMP-\d{6}$/),
      status: expect.any(String),
    });
    expect(created.counts).toHaveProperty('total');

    const active = await waitForStatus(created.id, 'active');
    expect(active.counts).toEqual({
      total: 7,
      to_be_reviewed: 7,
      ok: 0,
      revoke: 0,
      update: 0,
      reassign: 0,
      not_reviewed: 0,
    });

    const mgrItems = await inbox('mgr', created.id);
    const dfltItems = await inbox('dflt', created.id);
    const ceoItems = await inbox('ceo', created.id);
    expect(mgrItems.map((i) => i.identityKey).sort()).toEqual(['alice', 'alice', 'bob', 'carol']);
    expect(dfltItems.map((i) => i.identityKey).sort()).toEqual(['ceo', 'dave']);
    expect(ceoItems.map((i) => i.identityKey)).toEqual(['mgr']);
    for (const key of ['alice', 'bob', 'carol', 'dave']) expect(await inbox(key, created.id)).toEqual([]);

    const first = await decide('mgr', created.id, [
      { itemId: mgrItems[0].id, decision: 'approve' },
      { itemId: mgrItems[1].id, decision: 'revoke', comment: 'left the sales team' },
    ]).expect(200);
    expect(first.body.items.map((i: Item) => i.status)).toEqual(['ok', 'revoke']);

    await admin().post(`/api/v1/campaigns/${created.id}/pause`).expect(200);
    expect((await campaign(created.id)).status).toBe('paused');

    const refused = await decide('mgr', created.id, [{ itemId: mgrItems[2].id, decision: 'approve' }]).expect(
      409,
    );
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, detail: expect.stringContaining('paused') });
    const [untouched] = await recert.query<{ status: string }>(
      'SELECT status FROM review_item WHERE id = $1',
      [mgrItems[2].id],
    );
    expect(untouched.status).toBe('to_be_reviewed');

    const wrongResume = await admin().post(`/api/v1/campaigns/${created.id}/pause`).expect(409);
    expect(wrongResume.body.detail).toMatch(/only an active campaign can be paused/);
    await admin().post(`/api/v1/campaigns/${created.id}/resume`).expect(200);

    await decide('mgr', created.id, [
      { itemId: mgrItems[2].id, decision: 'approve' },
      { itemId: mgrItems[3].id, decision: 'approve' },
    ]).expect(200);
    await decide(
      'dflt',
      created.id,
      dfltItems.map((i) => ({ itemId: i.id, decision: 'revoke' })),
    ).expect(200);
    await decide('ceo', created.id, [{ itemId: ceoItems[0].id, decision: 'approve' }]).expect(200);

    const closed = await waitForStatus(created.id, 'closed');
    expect(closed.counts).toEqual({
      total: 7,
      to_be_reviewed: 0,
      ok: 4,
      revoke: 3,
      update: 0,
      reassign: 0,
      not_reviewed: 0,
    });
    expect(closed.activatedAt && closed.pausedAt && closed.finalizingAt && closed.closedAt).toBeTruthy();

    const late = await decide('ceo', created.id, [{ itemId: ceoItems[0].id, decision: 'revoke' }]).expect(
      409,
    );
    expect(late.body.detail).toMatch(/closed/);
    const pauseClosed = await admin().post(`/api/v1/campaigns/${created.id}/pause`).expect(409);
    expect(pauseClosed.body.detail).toMatch(/closed/);

    const audit = await recert.query<{
      action: string;
      actor: string;
      via: string | null;
      request_id: string;
    }>(`SELECT action, actor, via, request_id FROM audit_event WHERE campaign_id = $1 ORDER BY seq`, [
      created.id,
    ]);
    // Who, through which client (a session for a browser), in which request; the workflow's own steps: nothing.
    expect(
      audit
        .filter((a) => a.action.startsWith('campaign.'))
        .map((a) => `${a.action}:${a.actor}:${a.via ?? '-'}:${a.request_id ? 'request' : '-'}`),
    ).toEqual([
      'campaign.created:root:client:root:request',
      'campaign.populated:system:-:-',
      'campaign.active:system:-:-',
      'campaign.paused:root:client:root:request',
      'campaign.active:root:client:root:request',
      'campaign.finalizing:system:-:-',
      'campaign.decisions_applied:system:-:-',
      'campaign.closed:system:-:-',
    ]);
    const decided = audit.filter((a) => a.action === 'item.decided');
    expect(decided).toHaveLength(7);
    for (const d of decided)
      expect(d).toMatchObject({ via: 'client:recert-cli', request_id: expect.any(String) });

    const handle = recert.client.workflow.getHandle(closed.workflowId);
    await expect(handle.result()).resolves.toBe('closed');
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get(CampaignStateKey)).toBe('closed');
    expect(await description.staticSummary()).toContain(closed.number);
  });

  it('applies onDueDate to undecided items when the due date passes', async () => {
    const created = await launch({
      title: 'Short campaign',
      dueAt: new Date(Date.now() + 6_000).toISOString(),
      scope: { applicationKeys: ['crm'] },
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
      onDueDate: 'revoke',
    });
    await waitForStatus(created.id, 'active');
    const items = await inbox('mgr', created.id);
    expect(items).toHaveLength(3);
    await decide('mgr', created.id, [{ itemId: items[0].id, decision: 'approve' }]).expect(200);

    const closed = await waitForStatus(created.id, 'closed');
    expect(closed.counts).toMatchObject({ total: 5, ok: 1, revoke: 4, to_be_reviewed: 0, not_reviewed: 0 });
    const resolved = await recert.query<{ decided_by: string }>(
      `SELECT decided_by FROM review_item WHERE campaign_id = $1 AND status = 'revoke'`,
      [created.id],
    );
    expect(resolved.every((r) => r.decided_by === 'system')).toBe(true);
    const after = await decide('mgr', created.id, [{ itemId: items[1].id, decision: 'approve' }]).expect(409);
    expect(after.body.type).toMatch(/campaign-not-active/);
  });

  it('shows state, counts and what it waits for to operators in Temporal', async () => {
    const created = await launch({
      title: 'Visible campaign',
      dueAt: inDays(10),
      scope: { permissionKeys: ['erp-user'] },
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    });
    await waitForStatus(created.id, 'active');
    const handle = recert.client.workflow.getHandle(created.workflowId);
    const details = await eventually(async () => {
      const meta = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
      return meta.currentDetails?.includes('**State:** active') ? meta.currentDetails : undefined;
    });
    expect(details).toContain(created.number);
    expect(details).toContain('2 to review');
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(CampaignStateKey)).toBe('active');
    expect(created.workflowId).toBe(`campaign-${created.number}`);

    await admin().post(`/api/v1/campaigns/${created.id}/cancel`).expect(200);
    const cancelled = await waitForStatus(created.id, 'cancelled');
    expect(cancelled.counts.to_be_reviewed).toBe(2);
    await admin().post(`/api/v1/campaigns/${created.id}/resume`).expect(409);
    await expect(handle.result()).resolves.toBe('cancelled');
  });

  it('finalizes early on request, undecided items becoming not_reviewed by default', async () => {
    const created = await launch({
      title: 'Finalized early',
      dueAt: inDays(10),
      reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    });
    await waitForStatus(created.id, 'active');
    const [item] = await inbox('ceo', created.id);
    await decide('ceo', created.id, [{ itemId: item.id, decision: 'approve' }]).expect(200);
    const res = await admin().post(`/api/v1/campaigns/${created.id}/finalize`).expect(200);
    expect(['finalizing', 'closed']).toContain(res.body.status);
    const closed = await waitForStatus(created.id, 'closed');
    expect(closed.counts).toMatchObject({ total: 7, ok: 1, not_reviewed: 6 });
  });
});
