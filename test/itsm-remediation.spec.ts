import type { ChildProcess } from 'node:child_process';
import type { RemediationView } from '../src/remediation/remediation.view';
import { FakeJira } from './support/fake-jira';
import { FakeServiceNow } from './support/fake-servicenow';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { remediationLedger } from './support/remediation-fixture';
import { spawnWorker } from './support/worker-process';

describe('ITSM remediation through ServiceNow and Jira Service Management', () => {
  const snow = new FakeServiceNow();
  const jira = new FakeJira();
  let env: Record<string, string>;
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    await snow.listen();
    await jira.listen();
    env = {
      RECERT_ITSM_INSTANCES: JSON.stringify([snow.instance('sn'), jira.instance('jira')]),
      RECERT_ITSM_POLL_FIRST: 'PT1S',
      RECERT_ITSM_POLL_MAX: 'PT2S',
      RECERT_ITSM_TIMEOUT_MS: '1500',
    };
    recert = await TestRecert.start({ env });
    await admin().post('/api/v1/ledger/imports', remediationLedger(true)).expect(200);
  });
  afterAll(async () => {
    await recert.close();
    await snow.close();
    await jira.close();
  });

  /** A campaign over some applications in which ra revokes u1's access and gives u2's an end date. */
  async function closedCampaign(applicationKeys: string[]) {
    const created = await admin()
      .post('/api/v1/campaigns', {
        title: 'ITSM campaign',
        dueAt: inDays(5),
        scope: { applicationKeys },
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
      })
      .expect(201);
    const c = await recert.waitForCampaign(created.body.id, 'active');
    const ra = recert.as('ra', 'reviewer');
    const items = (await ra.get(`/api/v1/reviews?campaignId=${c.id}`).expect(200)).body.items;
    await ra
      .post(`/api/v1/campaigns/${c.id}/decisions`, {
        decisions: items.map((i: { id: string; identityKey: string }) =>
          i.identityKey === 'u1'
            ? { itemId: i.id, decision: 'revoke' }
            : { itemId: i.id, decision: 'update', endDate: inDays(20) },
        ),
      })
      .expect(200);
    await recert.waitForCampaign(c.id, 'closed');
    return c;
  }

  const remediations = async (campaignId: string) =>
    (await admin().get(`/api/v1/remediations?campaignId=${campaignId}`).expect(200)).body
      .items as RemediationView[];
  const cid = (r: RemediationView) => `recert-remediation-${r.id}-${r.attempt}`;
  const ticketed = (campaignId: string, n: number) =>
    eventually(async () => {
      const list = await remediations(campaignId);
      return list.length === n && list.every((r) => r.ticket) ? list : undefined;
    });

  it('opens a ticket per remediation and follows it to closed (1) or cancelled (2)', async () => {
    const c = await closedCampaign(['snow', 'jsm']);
    const list = await ticketed(c.id, 4);
    const at = (key: string) => list.find((r) => r.assignmentKey === key)!;

    const incident = snow.incidents.find((i) => i.correlation_id === cid(at('u1-snow')))!;
    expect(incident.short_description).toBe(`Remove access: ${at('u1-snow').label}`);
    expect(incident.description).toContain(`campaign ${c.number}`);
    expect(at('u1-snow')).toMatchObject({
      type: 'itsm',
      itsmInstance: 'sn',
      status: 'New',
      closedStatus: 0,
      ticket: { number: incident.number, id: incident.sys_id, itsmInstance: 'sn' },
    });
    expect(at('u1-snow').ticket!.url).toBe(`${snow.url}/nav_to.do?uri=incident.do?sys_id=${incident.sys_id}`);
    const request = jira.issues.find((i) => i.labels.includes(cid(at('u1-jsm'))))!;
    expect(at('u1-jsm')).toMatchObject({
      itsmInstance: 'jira',
      status: 'Waiting for support',
      closedStatus: 0,
      ticket: { number: request.issueKey, url: `${jira.url}/browse/${request.issueKey}` },
    });
    expect(jira.issues.find((i) => i.labels.includes(cid(at('u2-jsm'))))!.summary).toMatch(
      /^Change the end date of access/,
    );

    snow.setState(cid(at('u1-snow')), '2');
    await eventually(async () =>
      (await remediations(c.id)).find((r) => r.id === at('u1-snow').id)!.status === 'In Progress'
        ? true
        : undefined,
    );
    snow.setState(cid(at('u1-snow')), '7');
    snow.setState(cid(at('u2-snow')), '8');
    jira.transition(cid(at('u1-jsm')), 'Resolved', 'DONE');
    jira.transition(cid(at('u2-jsm')), 'Declined', 'DONE');
    const closed = await eventually(async () => {
      const l = await remediations(c.id);
      return l.every((r) => r.closedStatus > 0) ? l : undefined;
    }, 20_000);
    const final = Object.fromEntries(closed.map((r) => [r.assignmentKey, [r.closedStatus, r.status]]));
    expect(final).toEqual({
      'u1-snow': [1, 'Closed'],
      'u2-snow': [2, 'Canceled'],
      'u1-jsm': [1, 'Resolved'],
      'u2-jsm': [2, 'Declined'],
    });
    expect(closed.every((r) => r.pollCount >= 1 && r.closedAt)).toBe(true);
    const { polls } = (
      await admin()
        .get(`/api/v1/remediations/${at('u1-snow').id}`)
        .expect(200)
    ).body;
    expect(polls[0]).toMatchObject({ attempt: 1, status: 'New', closedStatus: 0 });
    expect(polls.map((p: { status: string }) => p.status)).toContain('In Progress');
    expect(polls.at(-1)).toMatchObject({ status: 'Closed', closedStatus: 1 });
    const outcome = (key: string) => recert.client.workflow.getHandle(`remediation-${at(key).id}-1`).result();
    expect(await outcome('u1-snow')).toBe('done');
    expect(await outcome('u2-jsm')).toBe('cancelled');
    expect(snow.incidents.filter((i) => i.correlation_id.startsWith('recert-remediation-'))).toHaveLength(2);
  });

  it('retries through errors and timeouts of the ITSM without opening a duplicate ticket', async () => {
    const before = snow.incidents.length;
    const posts = snow.count('POST', '/api/now/table/incident');
    snow.fail('500', '500', 'hang', '500', 'hang');
    const c = await closedCampaign(['snow']);
    const list = await ticketed(c.id, 2);
    expect(snow.incidents.length - before).toBe(2);
    for (const r of list) {
      expect(snow.incidents.filter((i) => i.correlation_id === cid(r))).toHaveLength(1);
    }
    expect(snow.count('POST', '/api/now/table/incident') - posts).toBeGreaterThanOrEqual(2);

    snow.fail('500', 'hang', '500');
    for (const r of list) snow.setState(cid(r), '6');
    const resolved = await eventually(async () => {
      const l = await remediations(c.id);
      return l.every((r) => r.closedStatus === 1) ? l : undefined;
    }, 30_000);
    expect(resolved.map((r) => r.status)).toEqual(['Resolved', 'Resolved']);
  }, 60_000);

  it('opens exactly one ticket when the worker dies after the ITSM created it and before Recert recorded it', async () => {
    await recert.stopWorker();
    let child: ChildProcess | undefined;
    let createdFor: string | undefined;
    snow.onCreated = (incident) => {
      if (createdFor) return;
      createdFor = incident.correlation_id;
      child?.kill('SIGKILL');
      return 'held';
    };
    try {
      child = await spawnWorker(recert, env);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      const c = await closedCampaign(['snow']);
      await exited;
      expect(createdFor).toBeDefined();
      await recert.startWorker();
      const list = await ticketed(c.id, 2);
      const victim = list.find((r) => cid(r) === createdFor)!;
      expect(snow.incidents.filter((i) => i.correlation_id === createdFor)).toHaveLength(1);
      expect(victim.ticket!.id).toBe(snow.incidents.find((i) => i.correlation_id === createdFor)!.sys_id);
      const opened = (
        await admin().get(`/api/v1/audit?objectType=remediation&objectId=${victim.id}`).expect(200)
      ).body.items.filter((e: { action: string }) => e.action === 'remediation.ticket_opened');
      expect(opened).toHaveLength(1);
    } finally {
      snow.onCreated = undefined;
      child?.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses a campaign or an application naming an ITSM instance that is not configured', async () => {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: 'Bad ITSM',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { remediation: { connector: 'itsm', itsmInstance: 'remedy' } },
      })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'options.remediation.itsmInstance', message: 'no ITSM instance "remedy" is configured' },
    ]);
    const imp = await admin()
      .post('/api/v1/ledger/imports', { applications: [{ key: 'x', name: 'X', itsmInstance: 'remedy' }] })
      .expect(400);
    expect(imp.body.errors[0].field).toBe('applications[0].itsmInstance');
  });
});
