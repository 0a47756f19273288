import type { RemediationView } from '../src/remediation/remediation.view';
import { eventually, TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { toCsv } from './support/ledger-files';
import { remediationLedger } from './support/remediation-fixture';

const IMPORTS = '/api/v1/ledger/imports';

/** Issue 16, item 2: snapshots (timeslots) of a collection, and what they remove and verify. */
describe('ledger snapshots', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  const draft = { scope: {}, reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' } };

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post(IMPORTS, remediationLedger()).expect(200);
  });
  afterAll(() => recert.close());

  const assignmentsCsv = (keys: string[], status = 'ASSIGNED') =>
    toCsv(
      keys.map((key) => {
        const [u, a] = key.split('-');
        return { key, identityKey: u, permissionKey: `${a}-p`, status };
      }),
    );
  const snapshot = (query: string, body: string) =>
    recert.upload(`${IMPORTS}?mode=snapshot&${query}`, 'text/csv', body);
  const previewItems = async () =>
    (await admin().post('/api/v1/campaigns/preview', draft).expect(200)).body.items as number;
  const removedBy = async (table: string, key: string) =>
    (
      await recert.query<{ removed: string | null }>(
        `SELECT removed_import_id AS removed FROM ${table} WHERE key = $1`,
        [key],
      )
    )[0].removed;

  async function launch() {
    const res = await admin()
      .post('/api/v1/campaigns', {
        ...draft,
        title: 'Snapshot campaign',
        dueAt: inDays(5),
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
      })
      .expect(201);
    return recert.waitForCampaign(res.body.id, 'active');
  }

  it('removes what a snapshot of one application lacks, keeps the campaign that names it, and restores it', async () => {
    const before = await launch();
    expect(await previewItems()).toBe(4);

    const res = await snapshot('collection=assignments&application=app', assignmentsCsv(['u2-app'])).expect(
      200,
    );
    expect(res.body).toMatchObject({ mode: 'snapshot' });
    expect(res.body.counts.assignments).toMatchObject({ received: 1, inserted: 0, updated: 0, removed: 1 });
    expect(await removedBy('assignment', 'u1-app')).toBe(res.body.importId);
    // The other application's assignments are not in this snapshot's scope.
    expect(await removedBy('assignment', 'u1-prov')).toBeNull();
    expect(await previewItems()).toBe(3);
    const [timeslot] = await recert.query<{
      mode: string;
      snapshot_collection: string;
      snapshot_application_key: string;
    }>(`SELECT mode, snapshot_collection, snapshot_application_key FROM ledger_import WHERE id = $1`, [
      res.body.importId,
    ]);
    expect(timeslot).toEqual({
      mode: 'snapshot',
      snapshot_collection: 'assignments',
      snapshot_application_key: 'app',
    });

    // The campaign launched before still shows the item with its printable label.
    const inbox = (
      await recert.as('ra', 'reviewer').get(`/api/v1/reviews?campaignId=${before.id}`).expect(200)
    ).body.items as { assignmentKey: string; label: string }[];
    expect(inbox.find((i) => i.assignmentKey === 'u1-app')?.label).toBe('User One · App · app permission');
    const later = await launch();
    expect(later.ledgerImportId).toBe(res.body.importId);
    expect(later.counts.total).toBe(3);

    // Present again in a later import: no longer removed.
    const again = await recert
      .upload(`${IMPORTS}?collection=assignments`, 'text/csv', assignmentsCsv(['u1-app']))
      .expect(200);
    expect(again.body.counts.assignments).toMatchObject({ updated: 1, removed: 0 });
    expect(await removedBy('assignment', 'u1-app')).toBeNull();
    expect(await previewItems()).toBe(4);
    for (const c of [before, later]) await admin().post(`/api/v1/campaigns/${c.id}/cancel`).expect(200);
  });

  it('makes an identity a snapshot lacks inactive, and refuses a snapshot that mixes applications', async () => {
    const everyoneBut = (gone: string) => toCsv(remediationLedger().identities.filter((i) => i.key !== gone));
    const res = await snapshot('collection=identities', everyoneBut('u2')).expect(200);
    expect(res.body.counts.identities.removed).toBe(1);
    const [u2] = await recert.query<{ status: string }>(`SELECT status FROM identity WHERE key = 'u2'`);
    expect(u2.status).toBe('inactive');
    await snapshot('collection=identities', toCsv(remediationLedger().identities)).expect(200);
    expect(await removedBy('identity', 'u2')).toBeNull();

    const counts = await recert.query(`SELECT count(*) FROM ledger_import`);
    const mixed = await snapshot(
      'collection=assignments&application=app',
      assignmentsCsv(['u2-app', 'u2-prov']),
    ).expect(400);
    expect(mixed.body.errors).toEqual([
      { line: 3, field: 'key', message: 'is of application "prov", not of the snapshot\'s "app"' },
    ]);
    expect(await removedBy('assignment', 'u1-app')).toBeNull();
    const unknown = await snapshot(
      'collection=assignments&application=nope',
      assignmentsCsv(['u2-app']),
    ).expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'application' });
    await snapshot('collection=identities&application=app', 'key,displayName\n').expect(400);
    await admin().post(`${IMPORTS}?mode=snapshot`, remediationLedger()).expect(400);
    expect(await recert.query(`SELECT count(*) FROM ledger_import`)).toEqual(counts);
  });

  it('verifies a done revocation a snapshot no longer shows, and reopens one it still shows', async () => {
    const c = await launch();
    const ra = recert.as('ra', 'reviewer');
    const items = (await ra.get(`/api/v1/reviews?campaignId=${c.id}`).expect(200)).body.items as {
      id: string;
    }[];
    await ra
      .post(`/api/v1/campaigns/${c.id}/decisions`, {
        decisions: items.map((i) => ({ itemId: i.id, decision: 'revoke', comment: 'no longer needed' })),
      })
      .expect(200);
    await recert.waitForCampaign(c.id, 'closed');
    const list = await eventually(async () => {
      const l = (await admin().get(`/api/v1/remediations?campaignId=${c.id}`).expect(200)).body
        .items as RemediationView[];
      return l.length === 4 && l.every((r) => r.closedStatus === 0) ? l : undefined;
    });
    const of = (key: string) => list.find((r) => r.assignmentKey === key)!;
    await admin()
      .post(`/api/v1/remediations/${of('u1-app').id}/close`, { outcome: 'done' })
      .expect(200);
    await admin()
      .post(`/api/v1/provisioning-orders/${of('u1-prov').id}/result`, { status: 'executed' })
      .expect(200);

    // The snapshot of prov lacks u1-prov: gone, as reported. An upsert without it proves nothing.
    const upsert = await recert
      .upload(`${IMPORTS}?collection=assignments`, 'text/csv', assignmentsCsv(['u2-prov']))
      .expect(200);
    expect(upsert.body.remediations).toEqual({ verified: 0, reopened: 0 });
    const prov = await snapshot(
      'collection=assignments&application=prov',
      assignmentsCsv(['u2-prov']),
    ).expect(200);
    expect(prov.body.remediations).toEqual({ verified: 1, reopened: 0 });
    expect(
      (
        await admin()
          .get(`/api/v1/remediations/${of('u1-prov').id}`)
          .expect(200)
      ).body,
    ).toMatchObject({
      closedStatus: 1,
      verification: 'verified',
    });

    // The snapshot of app still holds u1-app: reported done, still there, so reopened.
    const app = await snapshot(
      'collection=assignments&application=app',
      assignmentsCsv(['u1-app', 'u2-app']),
    ).expect(200);
    expect(app.body.remediations).toEqual({ verified: 0, reopened: 1 });
    const reopened = await eventually(async () => {
      const r = (
        await admin()
          .get(`/api/v1/remediations/${of('u1-app').id}`)
          .expect(200)
      ).body as RemediationView;
      return r.attempt === 2 ? r : undefined;
    });
    expect(reopened).toMatchObject({ verification: 'still_present', flagged: true });
  });
});
