import { createHash } from 'node:crypto';
import { TestRecert } from './support/harness';
import { inDays } from './support/ledger-fixture';
import { remediationLedger } from './support/remediation-fixture';

/** RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endField();
    } else if (!quoted && ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  return rows;
}

describe('compliance report and CSV evidence', () => {
  let recert: TestRecert;
  const admin = () => recert.as('root', 'admin');
  let campaignId: string;

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', remediationLedger()).expect(200);
    const created = await admin()
      .post('/api/v1/campaigns', {
        title: 'Quarterly review',
        dueAt: inDays(5),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
        options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
      })
      .expect(201);
    campaignId = (await recert.waitForCampaign(created.body.id, 'active')).id;
    const ra = recert.as('ra', 'reviewer');
    const items = (await ra.get(`/api/v1/reviews?campaignId=${campaignId}`).expect(200)).body.items as {
      id: string;
      assignmentKey: string;
    }[];
    const id = (key: string) => items.find((i) => i.assignmentKey === key)!.id;
    await ra
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: [
          { itemId: id('u1-app'), decision: 'revoke', comment: 'moved to finance, "no longer" needed' },
          { itemId: id('u2-app'), decision: 'approve', comment: '=HYPERLINK("http://evil.test")' },
          { itemId: id('u1-prov'), decision: 'forward', forwardTo: 'dflt' },
        ],
      })
      .expect(200);
    await recert
      .as('dflt', 'reviewer')
      .post(`/api/v1/campaigns/${campaignId}/decisions`, {
        decisions: [{ itemId: id('u1-prov'), decision: 'approve' }],
      })
      .expect(200);
    await admin().post(`/api/v1/campaigns/${campaignId}/finalize`).expect(200);
    await recert.waitForCampaign(campaignId, 'closed');
  });
  afterAll(() => recert.close());

  it('totals the campaign by status, reviewer and application', async () => {
    const report = (
      await recert.as('aud', 'auditor').get(`/api/v1/campaigns/${campaignId}/report`).expect(200)
    ).body;
    expect(report.campaign).toMatchObject({ id: campaignId, status: 'closed' });
    expect(report.totals).toMatchObject({
      items: 4,
      byStatus: { ok: 2, revoke: 1, not_reviewed: 1, to_be_reviewed: 0, update: 0, reassign: 0 },
      reviewed: 3,
      reviewedPercent: 75,
      revoked: 1,
      notReviewed: 1,
      reassigned: 1,
      movers: 0,
      decidedByDueDateRule: 1,
    });
    expect(report.byReviewer).toEqual([
      expect.objectContaining({ key: 'dflt', items: 1, reviewed: 1, approved: 1 }),
      expect.objectContaining({
        key: 'ra',
        name: 'Rita Reviewer',
        items: 3,
        reviewed: 2,
        revoked: 1,
        notReviewed: 1,
      }),
    ]);
    expect(report.byApplication.map((a: { key: string; items: number }) => [a.key, a.items])).toEqual([
      ['app', 2],
      ['prov', 2],
    ]);
    expect(report.durations.launchToCloseSeconds).toBeGreaterThanOrEqual(0);
    expect(report.durations.medianDecisionSeconds).toBeGreaterThanOrEqual(0);
    expect(report.remediations).toMatchObject({ total: 1, byType: { embedded: 1 } });
    await recert.as('ra', 'reviewer').get(`/api/v1/campaigns/${campaignId}/report`).expect(403);
    await admin().get('/api/v1/campaigns/00000000-0000-4000-8000-000000000000/report').expect(404);
  });

  it('streams every item as CSV whose SHA-256 is given as a trailer and kept in the audit trail', async () => {
    const res = await recert
      .as('aud', 'auditor')
      .get(`/api/v1/campaigns/${campaignId}/report.csv`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = res.body as Buffer;
    const [header, ...rows] = parseCsv(body.toString('utf8'));
    expect(header.slice(0, 4)).toEqual(['item_id', 'reviewed', 'assignment_key', 'identity_key']);
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(4);
    const row = (key: string) => rows.find((r) => r[col('assignment_key')] === key)!;
    expect(row('u1-app')[col('decision')]).toBe('revoke');
    expect(row('u1-app')[col('comment')]).toBe('moved to finance, "no longer" needed');
    expect(row('u1-app')[col('decided_by')]).toBe('ra');
    expect(row('u2-app')[col('comment')]).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(row('u1-app')[col('action_date')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(row('u1-app')[col('remediation_type')]).toBe('embedded');
    expect(row('u1-prov')[col('accountable_reviewer')]).toBe('ra');
    expect(row('u1-prov')[col('responsible_reviewer')]).toBe('dflt');
    expect(row('u2-prov')[col('decision')]).toBe('not_reviewed');
    expect(row('u2-prov')[col('decided_by')]).toBe('system');

    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(
      (res as unknown as { res: { trailers: Record<string, string> } }).res.trailers['x-content-sha256'],
    ).toBe(sha256);
    const exportId = res.headers['x-report-export-id'];
    const [entry] = (
      await admin().get(`/api/v1/audit?objectType=report_export&objectId=${exportId}`).expect(200)
    ).body.items;
    expect(entry).toMatchObject({
      actor: 'aud',
      action: 'report.exported',
      campaignId,
      after: { rows: 4, sha256 },
    });
    await recert.as('ra', 'reviewer').get(`/api/v1/campaigns/${campaignId}/report.csv`).expect(403);
  });
});
