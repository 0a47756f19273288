import { RemediationRepository } from '../../src/remediation/remediation.repository';
import type { ClosedStatus, RemediationDefaults, RemediationRow } from '../../src/domain/remediation.types';
import type { TicketState } from '../../src/remediation/itsm/itsm-adapter';
import type { CampaignRow } from '../../src/domain/campaign.types';
import { decide, launchCampaign } from '../support/integration-campaigns';
import { ADMIN, useIntegrationDb } from '../support/integration-db';
import { selectionLedger } from '../support/selection-ledger';

const db = useIntegrationDb();
const remediations = new RemediationRepository();
const DEFAULTS: RemediationDefaults = { connector: 'provisioning', itsmInstance: null };
let campaign: CampaignRow;

const byAssignment = async () =>
  Object.fromEntries(
    (await db().run((sql) => remediations.list(sql, { campaignId: campaign.id, limit: 100 }))).map((r) => [
      r.assignment_key,
      r,
    ]),
  ) as Record<string, RemediationRow>;
const ticket = (closed: ClosedStatus, n = 'INC001'): TicketState => ({
  id: `sys-${n}`,
  number: n,
  url: `https://itsm/${n}`,
  status: 'New',
  closed,
});
const actionsOf = async (id: string) =>
  (
    await db().query<{ action: string }>(
      `SELECT action FROM audit_event WHERE object_type = 'remediation' AND object_id = $1 ORDER BY seq`,
      [id],
    )
  ).map((a) => a.action);

beforeAll(async () => {
  const ledger = selectionLedger();
  // An ITSM connector without an instance (none is configured by default) falls back to a manual task.
  const [crm, ...others] = ledger.applications;
  await db().import({ ...ledger, applications: [{ ...crm, remediationConnector: 'itsm' }, ...others] });
  campaign = await launchCampaign(db(), { scope: { applicationKeys: ['crm', 'erp'] } });
  await decide(db(), campaign.id, {
    'a-alice-admin': 'revoke',
    'a-alice-erp': 'revoke',
    'a-bob-group': 'update',
    'a-ceo-erp': 'revoke',
    'a-dave-erp': 'ok',
    'a-mgr-admin': 'revoke',
  });
});

describe('remediations (RemediationRepository)', () => {
  it("creates one remediation per revocation or update, once, through the application's connector", async () => {
    const preview = await db().run((sql) => remediations.preview(sql, campaign.id, DEFAULTS, 2));
    expect(preview.byType).toEqual([
      { type: 'embedded', action: 'revoke', n: '2' },
      { type: 'embedded', action: 'update', n: '1' },
      { type: 'provisioning', action: 'revoke', n: '2' },
    ]);
    expect(preview.sample).toHaveLength(2);
    const create = () =>
      db().db.transaction((sql) => remediations.createForCampaign(sql, campaign.id, DEFAULTS, ADMIN));
    expect(await create()).toBe(5);
    expect(await create()).toBe(0);
    const rows = await byAssignment();
    expect(
      Object.fromEntries(
        Object.entries(rows).map(([k, r]) => [k, [r.type, r.assignee_key, r.closed_status]]),
      ),
    ).toEqual({
      'a-alice-admin': ['embedded', 'permowner', -1],
      'a-alice-erp': ['provisioning', 'ceo', -1],
      'a-bob-group': ['embedded', 'groupowner', -1],
      'a-ceo-erp': ['provisioning', 'ceo', -1],
      'a-mgr-admin': ['embedded', 'permowner', -1],
    });
    const applied = await db().query(`SELECT 1 FROM audit_event WHERE action = 'campaign.decisions_applied'`);
    expect(applied).toHaveLength(1);
  });

  it('pages what waits for its workflow, and opens each remediation once per attempt', async () => {
    const page = (after: string) =>
      db().run((sql) => remediations.readyPage(sql, { campaignId: campaign.id }, after, 2));
    const first = await page('0');
    const second = await page(first[1].id);
    const third = await page(second[1].id);
    expect([first.length, second.length, third.length]).toEqual([2, 2, 1]);
    expect(await page(third[0].id)).toEqual([]);
    const rows = await byAssignment();
    const open = (r: RemediationRow, attempt = r.attempt) =>
      db().run((sql) =>
        remediations.open(sql, r.id, attempt, {
          status: 'Open',
          orderStatus: r.type === 'provisioning' ? 'pending' : null,
        }),
      );
    expect(await open(rows['a-alice-admin'], 2)).toBeUndefined();
    for (const r of Object.values(rows)) expect((await open(r))?.closed_status).toBe(0);
    expect(await open(rows['a-alice-admin'])).toBeUndefined();
    expect(await page('0')).toEqual([]);
    const orders = await db().run((sql) => remediations.listOrders(sql, 'pending', null, 1));
    const rest = await db().run((sql) => remediations.listOrders(sql, 'pending', orders[0].id, 5));
    expect([...orders, ...rest].map((o) => o.assignment_key).sort()).toEqual(['a-alice-erp', 'a-ceo-erp']);
    expect(orders).toHaveLength(1);
    const tasks = await db().run((sql) => remediations.openTasksByAssignee(sql, { campaignId: campaign.id }));
    expect(tasks.map((t) => [t.assignee_key, t.n])).toEqual([
      ['groupowner', '1'],
      ['permowner', '2'],
    ]);
  });

  it('audits the first recording of a ticket and its closing, and polls nothing once closed', async () => {
    const r = (await byAssignment())['a-bob-group'];
    await db().run((sql) => remediations.recordTicket(sql, r.id, 1, ticket(0)));
    await db().run((sql) => remediations.recordTicket(sql, r.id, 1, ticket(0)));
    expect(await db().run((sql) => remediations.recordTicket(sql, r.id, 2, ticket(0)))).toBeUndefined();
    const polled = await db().run((sql) => remediations.recordPoll(sql, r.id, 1, ticket(1)));
    expect([polled?.closed_status, polled?.closed_by, polled?.poll_count]).toEqual([1, 'itsm', 1]);
    expect(await db().run((sql) => remediations.recordPoll(sql, r.id, 1, ticket(0)))).toBeUndefined();
    expect(await actionsOf(r.id)).toEqual(['remediation.ticket_opened', 'remediation.closed']);
    expect((await db().run((sql) => remediations.polls(sql, r.id))).map((p) => p.closed_status)).toEqual([
      0, 0, 1,
    ]);
  });

  it('closes an open manual task once', async () => {
    const r = (await byAssignment())['a-mgr-admin'];
    const close = () =>
      db().run((sql) =>
        remediations.close(
          sql,
          r.id,
          { closed: 1, status: 'Done', orderStatus: null, comment: 'removed' },
          ADMIN,
        ),
      );
    expect((await close())?.closed_by).toBe('root');
    expect(await close()).toBeUndefined();
    const alice = (await byAssignment())['a-alice-admin'];
    await db().run((sql) =>
      remediations.close(
        sql,
        alice.id,
        { closed: 1, status: 'Done', orderStatus: null, comment: null },
        ADMIN,
      ),
    );
  });

  it('verifies done revocations against an import: reopened when still there, verified when a snapshot lacks them', async () => {
    const crmRights = selectionLedger().assignments.filter((a) =>
      ['a-mgr-admin', 'a-bob-group'].includes(a.key),
    );
    const result = await db().import(
      { assignments: crmRights },
      { collection: 'assignments', applicationKey: 'crm' },
    );
    expect(result.remediations).toEqual({ verified: 1, reopened: 1 });
    const rows = await byAssignment();
    expect([
      rows['a-mgr-admin'].verification,
      rows['a-mgr-admin'].closed_status,
      rows['a-mgr-admin'].attempt,
    ]).toEqual(['still_present', -1, 2]);
    expect(rows['a-mgr-admin'].flagged).toBe(true);
    expect(rows['a-alice-admin'].verification).toBe('verified');
    expect(rows['a-bob-group'].verification).toBe('not_applicable');
    const reopened = await db().run((sql) =>
      remediations.readyPage(sql, { importId: result.importId }, '0', 10),
    );
    expect(reopened.map((r) => [r.id, r.attempt])).toEqual([[rows['a-mgr-admin'].id, 2]]);
    // The same import again proves nothing new: nothing is closed and pending verification.
    const again = await db().import(
      { assignments: crmRights },
      { collection: 'assignments', applicationKey: 'crm' },
    );
    expect(again.remediations).toEqual({ verified: 0, reopened: 0 });
  });
});
