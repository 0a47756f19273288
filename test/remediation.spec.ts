import type { RemediationView } from '../src/remediation/remediation.view';
import { CampaignIdKey } from '../workflows/search-attributes';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { assignmentsNow, remediationLedger } from './support/remediation-fixture';
import { SmtpSink } from './support/smtp-sink';

describe('remediation: manual tasks, provisioning orders, apply decisions, verification, delete', () => {
  const sink = new SmtpSink();
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    const port = await sink.listen();
    recert = await TestRecert.start({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    await admin().post('/api/v1/ledger/imports', remediationLedger()).expect(200);
  });
  afterAll(async () => {
    await recert.close();
    await sink.close();
  });

  async function launch(options: object = {}) {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Remediation campaign',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null }, ...options },
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  }

  /** ra revokes u1's access, gives u2's an end date, and approves nothing: every item needs remediating. */
  async function decide(campaignId: string) {
    const ra = recert.as('ra', 'reviewer');
    const items = (await ra.get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items as {
      id: string;
      identityKey: string;
    }[];
    await ra
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: items.map((i) =>
          i.identityKey === 'u1'
            ? { itemId: i.id, decision: 'revoke', comment: 'left the team' }
            : { itemId: i.id, decision: 'update', endDate: inDays(30) },
        ),
      })
      .expect(200);
  }

  const remediationsOf = async (campaignId: string) =>
    (await admin().get(`/api/v1/remediations?campaignId=${campaignId}`).expect(200)).body
      .items as RemediationView[];

  it('opens manual tasks for permission owners and provisioning orders at finalization, closed through the API', async () => {
    const c = await launch();
    await decide(c.id);
    await recert.waitForCampaign(c.id, 'closed');
    const opened = await eventually(async () => {
      const list = await remediationsOf(c.id);
      return list.length === 4 && list.every((r) => r.closedStatus === 0) ? list : undefined;
    });
    const task = opened.find((r) => r.assignmentKey === 'u1-app')!;
    expect(task).toMatchObject({
      type: 'embedded',
      action: 'revoke',
      status: 'Open',
      assigneeKey: 'po',
      label: expect.stringContaining('app permission'),
      attempt: 1,
      verification: 'pending',
    });
    expect(opened.find((r) => r.assignmentKey === 'u2-app')).toMatchObject({
      action: 'update',
      endDate: expect.any(String),
    });
    expect(opened.filter((r) => r.type === 'provisioning').map((r) => r.status)).toEqual([
      'Provisioning order pending',
      'Provisioning order pending',
    ]);

    const [mail] = await eventually(async () =>
      sink.to('po@example.test').length ? sink.to('po@example.test') : undefined,
    );
    expect(mail.subject).toBe(`[${c.number}] Access to remove: 2 remediation tasks for you`);
    expect(mail.text).toContain(`/api/v1/remediations?campaignId=${c.id}&assigneeKey=po&closedStatus=0`);
    expect(sink.to('ao@example.test')).toEqual([]);

    const po = recert.as('po', 'reviewer');
    const mine = (await po.get('/api/v1/remediations').expect(200)).body.items as RemediationView[];
    expect(mine.map((r) => r.assignmentKey).sort()).toEqual(['u1-app', 'u2-app']);
    await recert
      .as('ra', 'reviewer')
      .post(`/api/v1/remediations/${task.id}/close`, { outcome: 'done' })
      .expect(404);
    // An auditor who is also a ledger identity (so also a reviewer) reads every task and closes none.
    const auditor = recert.as('ra', 'auditor');
    await auditor.get(`/api/v1/remediations/${task.id}`).expect(200);
    const refused = await auditor
      .post(`/api/v1/remediations/${task.id}/close`, { outcome: 'cancelled' })
      .expect(403);
    expect(refused.body.detail).toBe(
      `Remediation ${task.id} is assigned to someone else: only its assignee or an administrator closes it.`,
    );
    expect((await po.get(`/api/v1/remediations/${task.id}`).expect(200)).body).toMatchObject({
      closedStatus: 0,
      status: 'Open',
    });
    await po.post(`/api/v1/remediations/${task.id}/close`, { outcome: 'maybe' }).expect(400);
    const done = (await po.post(`/api/v1/remediations/${task.id}/close`, { outcome: 'done' }).expect(200))
      .body;
    expect(done).toMatchObject({ closedStatus: 1, status: 'Done', closedBy: 'po' });
    await po.post(`/api/v1/remediations/${task.id}/close`, { outcome: 'cancelled' }).expect(409);
    expect(await recert.client.workflow.getHandle(`remediation-${task.id}-1`).result()).toBe('done');
    const described = await recert.client.workflow.getHandle(`remediation-${task.id}-1`).describe();
    expect(described.typedSearchAttributes.get(CampaignIdKey)).toBe(c.id);
    const other = opened.find((r) => r.assignmentKey === 'u2-app')!;
    await admin()
      .post(`/api/v1/remediations/${other.id}/close`, { outcome: 'cancelled', comment: 'contract extended' })
      .expect(200);
    expect(await recert.client.workflow.getHandle(`remediation-${other.id}-1`).result()).toBe('cancelled');

    const orders = (await admin().get('/api/v1/provisioning-orders?status=pending').expect(200)).body.items;
    expect(orders.map((o: { assignmentKey: string }) => o.assignmentKey).sort()).toEqual([
      'u1-prov',
      'u2-prov',
    ]);
    const [executed, failed] = orders;
    await admin()
      .post(`/api/v1/provisioning-orders/${executed.id}/result`, { status: 'executed' })
      .expect(200);
    await admin().post(`/api/v1/provisioning-orders/${failed.id}/result`, { status: 'failed' }).expect(400);
    await admin()
      .post(`/api/v1/provisioning-orders/${failed.id}/result`, {
        status: 'failed',
        message: 'account locked',
      })
      .expect(200);
    expect((await admin().get('/api/v1/provisioning-orders?status=pending').expect(200)).body.items).toEqual(
      [],
    );
    const after = await remediationsOf(c.id);
    expect(after.find((r) => r.id === executed.id)).toMatchObject({
      closedStatus: 1,
      orderStatus: 'executed',
    });
    expect(after.find((r) => r.id === failed.id)).toMatchObject({
      closedStatus: 2,
      status: 'Provisioning failed: account locked',
    });
    expect(await recert.client.workflow.getHandle(`remediation-${executed.id}-1`).result()).toBe('done');
  });

  it('waits for an administrator to apply decisions when the campaign says so: dry run, then confirmed once', async () => {
    const c = await launch({ remediation: { applyDecisions: 'manual', connector: 'provisioning' } });
    await admin().post(`/api/v1/campaigns/${c.id}/apply-decisions`, {}).expect(409);
    await decide(c.id);
    await recert.waitForCampaign(c.id, 'closed');
    expect(await remediationsOf(c.id)).toEqual([]);

    const dry = (await admin().post(`/api/v1/campaigns/${c.id}/apply-decisions`, {}).expect(200)).body;
    expect(dry).toMatchObject({
      applied: false,
      remediations: 4,
      byType: { provisioning: { revoke: 2, update: 2 } },
    });
    expect(dry.sample).toHaveLength(4);
    expect(await remediationsOf(c.id)).toEqual([]);

    const applied = (
      await admin().post(`/api/v1/campaigns/${c.id}/apply-decisions`, { confirm: true }).expect(200)
    ).body;
    expect(applied).toEqual({ campaignId: c.id, applied: true, remediations: 4 });
    await admin().post(`/api/v1/campaigns/${c.id}/apply-decisions`, { confirm: true }).expect(409);
    await eventually(async () => {
      const l = await remediationsOf(c.id);
      return l.length === 4 && l.every((r) => r.type === 'provisioning' && r.closedStatus === 0)
        ? true
        : undefined;
    });
    expect((await admin().get(`/api/v1/campaigns/${c.id}`).expect(200)).body.decisionsAppliedBy).toBe('root');

    const automatic = await launch();
    await admin().post(`/api/v1/campaigns/${automatic.id}/cancel`).expect(200);
    await admin().post(`/api/v1/campaigns/${automatic.id}/apply-decisions`, { confirm: true }).expect(409);
  });

  it('deletes only closed or cancelled campaigns, with their items and remediations, keeping the audit trail', async () => {
    const active = await launch();
    await admin().delete(`/api/v1/campaigns/${active.id}`).expect(409);
    await recert.as('ra', 'reviewer').delete(`/api/v1/campaigns/${active.id}`).expect(403);

    const c = await launch();
    await decide(c.id);
    await recert.waitForCampaign(c.id, 'closed');
    const doomed = await eventually(async () => {
      const list = await remediationsOf(c.id);
      return list.length === 4 && list.every((r) => r.closedStatus === 0) ? list : undefined;
    });
    await admin().delete(`/api/v1/campaigns/${c.id}`).expect(204);
    for (const r of doomed) {
      await eventually(async () => {
        const d = await recert.client.workflow.getHandle(`remediation-${r.id}-1`).describe();
        return d.status.name === 'TERMINATED' ? true : undefined;
      });
    }
    await admin().get(`/api/v1/campaigns/${c.id}`).expect(404);
    const left = await recert.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM review_item WHERE campaign_id = $1) + (SELECT count(*) FROM remediation WHERE campaign_id = $1) AS n`,
      [c.id],
    );
    expect(left[0].n).toBe('0');
    const trail = (await admin().get(`/api/v1/audit?campaignId=${c.id}&limit=500`).expect(200)).body.items;
    expect(trail[0].action).toBe('campaign.created');
    expect(trail[trail.length - 1]).toMatchObject({
      action: 'campaign.deleted',
      actor: 'root',
      before: { number: c.number, status: 'closed', items: 4, remediations: 4 },
    });
    await admin().delete(`/api/v1/campaigns/${c.id}`).expect(404);
    expect((await admin().get('/api/v1/audit/verify').expect(200)).body.valid).toBe(true);
    await admin().post(`/api/v1/campaigns/${active.id}/cancel`).expect(200);
  });
  it('reopens a remediation reported done whose access the next import still shows, and verifies the others', async () => {
    const c = await launch();
    await decide(c.id);
    await recert.waitForCampaign(c.id, 'closed');
    const list = await eventually(async () => {
      const l = await remediationsOf(c.id);
      return l.length === 4 && l.every((r) => r.closedStatus === 0) ? l : undefined;
    });
    const task = list.find((r) => r.assignmentKey === 'u1-app')!;
    const order = list.find((r) => r.assignmentKey === 'u1-prov')!;
    await admin().post(`/api/v1/remediations/${task.id}/close`, { outcome: 'done' }).expect(200);
    await admin().post(`/api/v1/provisioning-orders/${order.id}/result`, { status: 'executed' }).expect(200);

    const imported = (
      await admin()
        .post('/api/v1/ledger/imports', assignmentsNow({ 'u1-app': 'ASSIGNED', 'u1-prov': 'REMOVED' }))
        .expect(200)
    ).body;
    // The first test's campaign has a done task and an executed order on the same assignments: they are
    // checked by this import as well.
    expect(imported.remediations).toEqual({ verified: 2, reopened: 2 });

    const reopened = await eventually(async () => {
      const r = (await admin().get(`/api/v1/remediations/${task.id}`).expect(200)).body as RemediationView;
      return r.attempt === 2 && r.closedStatus === 0 ? r : undefined;
    });
    expect(reopened).toMatchObject({
      flagged: true,
      verification: 'still_present',
      reopenedCount: 1,
      status: 'Open',
    });
    expect((await admin().get(`/api/v1/remediations/${order.id}`).expect(200)).body).toMatchObject({
      closedStatus: 1,
      verification: 'verified',
      flagged: false,
    });
    const flagged = (await admin().get(`/api/v1/remediations?campaignId=${c.id}&flagged=true`).expect(200))
      .body.items;
    expect(flagged.map((r: RemediationView) => r.id)).toEqual([task.id]);
    const trail = (await admin().get(`/api/v1/audit?objectType=remediation&objectId=${task.id}`).expect(200))
      .body.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual([
      'remediation.closed',
      'remediation.reopened',
    ]);
    await recert.client.workflow.getHandle(`remediation-${task.id}-2`).describe();
  });
});
