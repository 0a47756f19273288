import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

/** What the console shows before a launch, and about a running campaign (issue 14). */
describe('campaign preview, progress by reviewer and the workflow link', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');

  beforeAll(async () => {
    recert = await TestRecert.start({
      env: {
        TEMPORAL_UI_URL: 'https://temporal.example.test/',
        RECERT_ITSM_INSTANCES: JSON.stringify([
          {
            code: 'sn',
            kind: 'servicenow',
            url: 'https://itsm.example.test',
            username: 'recert',
            password: 's3cret-never-shown',
            table: 'incident',
          },
        ]),
      },
    });
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
  });
  afterAll(() => recert?.close());

  it('counts what a launch would select, with the launch’s own selection', async () => {
    const cases = [
      { scope: {}, reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' } },
      {
        scope: { applicationKeys: ['crm'] },
        reviewers: { strategy: ['applicationowner'], defaultReviewerKey: 'dflt' },
      },
      {
        scope: { identityKeys: ['alice', 'ceo'] },
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: null },
      },
    ];
    for (const draft of cases) {
      const preview = (await admin().post('/api/v1/campaigns/preview', draft).expect(200)).body;
      const { id } = (
        await admin()
          .post('/api/v1/campaigns', {
            ...draft,
            title: 'Previewed',
            dueAt: inDays(7),
            reviewers: {
              ...draft.reviewers,
              defaultReviewerKey: draft.reviewers.defaultReviewerKey ?? 'dflt',
            },
          })
          .expect(201)
      ).body;
      await recert.waitForCampaign(id, 'active');
      const items = await recert.query<{ responsible_reviewer_key: string; identity_key: string }>(
        `SELECT responsible_reviewer_key, identity_key FROM review_item WHERE campaign_id = $1`,
        [id],
      );
      expect(preview.items).toBe(items.length);
      expect(preview.identities).toBe(new Set(items.map((i) => i.identity_key)).size);
      if (draft.reviewers.defaultReviewerKey) {
        expect(preview.reviewers).toBe(new Set(items.map((i) => i.responsible_reviewer_key)).size);
      }
      expect(preview.byOrigin.reduce((n: number, o: { items: number }) => n + o.items, 0)).toBe(items.length);
    }
    const all = (await admin().post('/api/v1/campaigns/preview', cases[0]).expect(200)).body;
    expect(all).toMatchObject({ items: 7, reviewers: 3, identities: 6, applications: 2 });
    expect(all.byOrigin).toEqual([
      { origin: 'linemanager', items: 5, reviewers: 2 },
      { origin: 'default', items: 2, reviewers: 1 },
    ]);
  });

  it('is for administrators, and refuses a malformed scope', async () => {
    const draft = { scope: {}, reviewers: { strategy: ['linemanager'] } };
    await recert.as('ceo', 'auditor').post('/api/v1/campaigns/preview', draft).expect(403);
    const bad = await admin()
      .post('/api/v1/campaigns/preview', {
        scope: { applicationKeys: [] },
        reviewers: { strategy: ['nobody'] },
      })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'reviewers.strategy[0]',
      'scope.applicationKeys',
    ]);
  });

  it('reports each reviewer’s last activity and lateness, and links the workflow in the Temporal UI', async () => {
    const { id } = (
      await admin()
        .post('/api/v1/campaigns', {
          title: 'Progress',
          dueAt: inDays(7),
          reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        })
        .expect(201)
    ).body;
    const campaign = await recert.waitForCampaign(id, 'active');
    expect((await admin().get(`/api/v1/campaigns/${id}`).expect(200)).body.workflowUrl).toBe(
      `https://temporal.example.test/namespaces/${recert.namespace}/workflows/${campaign.workflowId}`,
    );
    const mgr = recert.as('mgr', 'reviewer');
    const [item] = (await mgr.get(`/api/v1/reviews?campaignId=${id}`).expect(200)).body.items;
    await mgr
      .post(`/api/v1/campaigns/${id}/decisions`, { decisions: [{ itemId: item.id, decision: 'approve' }] })
      .expect(200);
    const timeliness = async () => {
      const report = (await admin().get(`/api/v1/campaigns/${id}/report`).expect(200)).body;
      return Object.fromEntries(report.byReviewer.map((r: { key: string }) => [r.key, r])) as Record<
        string,
        { pending: number; late: boolean; behind: boolean; lastActivityAt: string | null }
      >;
    };
    // The first day: nobody is behind yet.
    expect(Object.values(await timeliness()).filter((r) => r.late || r.behind)).toEqual([]);

    // Three quarters of the campaign's time gone: one item in four decided trails it.
    await recert.query(
      `UPDATE campaign SET activated_at = now() - interval '21 days', due_at = now() + interval '7 days' WHERE id = $1`,
      [id],
    );
    let byKey = await timeliness();
    expect(byKey.mgr).toMatchObject({ pending: 3, behind: true, late: false });
    expect(Date.now() - Date.parse(byKey.mgr.lastActivityAt!)).toBeLessThan(60_000);
    expect(byKey.dflt).toMatchObject({ pending: 2, behind: true, late: false, lastActivityAt: null });
    const ceo = recert.as('ceo', 'reviewer');
    const [ceoItem] = (await ceo.get(`/api/v1/reviews?campaignId=${id}`).expect(200)).body.items;
    await ceo
      .post(`/api/v1/campaigns/${id}/decisions`, { decisions: [{ itemId: ceoItem.id, decision: 'revoke' }] })
      .expect(200);
    expect((await timeliness()).ceo).toMatchObject({ pending: 0, behind: false, late: false });

    // Past the due date (the workflow has not finalized yet): whoever still has items is late.
    await recert.query(`UPDATE campaign SET due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    byKey = await timeliness();
    expect(byKey.mgr).toMatchObject({ late: true, behind: true });
    expect(byKey.ceo).toMatchObject({ late: false });
  });

  it('lists the ITSM instances a campaign may use, without their credentials', async () => {
    const res = await recert.as('ceo', 'auditor').get('/api/v1/itsm-instances').expect(200);
    expect(res.body).toEqual([{ code: 'sn', kind: 'servicenow', url: 'https://itsm.example.test' }]);
    expect(res.text).not.toContain('s3cret');
    await recert.as('bob', 'reviewer').get('/api/v1/itsm-instances').expect(403);
  });
});
