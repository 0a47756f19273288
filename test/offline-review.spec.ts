import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Response } from 'superagent';
import { TestRecert } from './support/harness';
import { inDays, smallLedger } from './support/ledger-fixture';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary response body whole, as a Buffer. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Issue 16, item 4: offline review (seed 003 custom6), a spreadsheet out and back as drafts. */
describe('offline review', () => {
  let recert: TestRecert;
  let campaignId: string;
  const admin = () => recert.as('root', 'admin');
  const dflt = () => recert.as('dflt', 'reviewer');
  const offlineUrl = () => `/api/v1/reviews/campaigns/${campaignId}/offline`;

  const launch = async (offlineReview: boolean) => {
    const res = await admin()
      .post('/api/v1/campaigns', {
        title: offlineReview ? 'CRM review, offline allowed' : 'CRM review, online only',
        dueAt: inDays(10),
        scope: { applicationKeys: ['crm'] },
        reviewers: { strategy: ['default'], defaultReviewerKey: 'dflt' },
        options: {
          offlineReview,
          commentRequired: 'revoke',
          notifications: { reminders: null, closingSoon: null, escalateAfter: null },
        },
      })
      .expect(201);
    return (await recert.waitForCampaign(res.body.id, 'active')).id;
  };
  const itemIdOf = async (assignmentKey: string) =>
    (
      await recert.query<{ id: string }>(
        `SELECT id FROM review_item WHERE campaign_id = $1 AND assignment_key = $2`,
        [campaignId, assignmentKey],
      )
    )[0].id;

  beforeAll(async () => {
    recert = await TestRecert.start();
    await admin().post('/api/v1/ledger/imports', smallLedger()).expect(200);
    campaignId = await launch(true);
  });
  afterAll(() => recert.close());

  it('round-trips an XLSX: validated drop-downs out, valid rows in as drafts, bad rows refused by row', async () => {
    const res = await dflt().get(`${offlineUrl()}?format=xlsx`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="CAMP-\d{6}-dflt\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Review')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([
      'Item',
      'Identity',
      'Access',
      'Account',
      'Recommendation',
      'Notes',
      'Status',
      'Decision',
      'Comment',
      'End date',
    ]);
    expect(sheet.rowCount).toBe(6);
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n > 1) rowOf.set(String(row.getCell(col('Item')).value), row);
    });
    const alice = await itemIdOf('as-alice-crm-admin');
    expect(rowOf.get(alice)!.getCell(col('Access')).value).toBe('Alice · CRM · CRM Admin');
    const decisionRule = rowOf.get(alice)!.getCell(col('Decision')).dataValidation;
    expect(decisionRule).toMatchObject({
      type: 'list',
      formulae: ['"Approve,Revoke,Update"'],
      errorStyle: 'stop',
    });
    const commentRule = rowOf.get(alice)!.getCell(col('Comment')).dataValidation;
    expect(commentRule).toMatchObject({ type: 'list', errorStyle: 'information' });
    expect(commentRule.formulae[0]).toContain('No longer needed');
    expect(rowOf.get(alice)!.getCell(col('End date')).dataValidation).toMatchObject({
      type: 'date',
      operator: 'greaterThan',
    });

    const [bob, carol, dave, mgr] = await Promise.all(
      ['as-bob-crm-user', 'as-carol-crm-user', 'as-dave-crm-user', 'as-mgr-crm-admin'].map(itemIdOf),
    );
    const endDate = inDays(40).slice(0, 10);
    const fill = (id: string, decision: string, comment = '', end?: Date) => {
      const row = rowOf.get(id)!;
      row.getCell(col('Decision')).value = decision;
      row.getCell(col('Comment')).value = comment;
      if (end) row.getCell(col('End date')).value = end;
    };
    fill(alice, 'Approve', 'Still needed for the job');
    fill(bob, 'Revoke');
    fill(carol, 'update', 'Until the project ends', new Date(`${endDate}T00:00:00Z`));
    fill(dave, 'Maybe');
    // mgr's row is left empty; two rows are added by hand: an unknown item and carol again.
    sheet.addRow([99_999, '', '', '', '', '', '', 'Approve']);
    sheet.addRow([Number(carol), '', '', '', '', '', '', 'Revoke', 'second thoughts']);
    const filled = Buffer.from(await book.xlsx.writeBuffer());

    const uploaded = await recert.upload(offlineUrl(), XLSX, filled, 'dflt', 'reviewer').expect(200);
    const rowNumber = (id: string) => rowOf.get(id)!.number;
    expect(uploaded.body).toEqual({
      drafted: 2,
      blank: 1,
      refused: [
        {
          row: rowNumber(bob),
          itemId: bob,
          field: 'comment',
          message: 'a comment is required on revoke',
        },
        {
          row: rowNumber(dave),
          itemId: dave,
          field: 'decision',
          message: '"Maybe" is not a decision: Approve, Revoke or Update',
        },
        {
          row: 7,
          itemId: '99999',
          field: 'item',
          message: 'item 99999 is not one of your items in this campaign',
        },
        {
          row: 8,
          itemId: carol,
          field: 'item',
          message: `item ${carol} is already decided on row ${rowNumber(carol)}`,
        },
      ].sort((a, b) => a.row - b.row),
    });
    expect(rowNumber(mgr)).toBeGreaterThan(1);

    // Drafts only: nothing is decided until the reviewer confirms.
    const drafts = await recert.query<{
      id: string;
      status: string;
      draft_decision: string;
      draft_payload: unknown;
    }>(
      `SELECT id, status, draft_decision, draft_payload FROM review_item
       WHERE campaign_id = $1 AND draft_decision IS NOT NULL ORDER BY id`,
      [campaignId],
    );
    expect(drafts).toEqual(
      [
        { id: alice, status: 'to_be_reviewed', draft_decision: 'approve', draft_payload: null },
        {
          id: carol,
          status: 'to_be_reviewed',
          draft_decision: 'update',
          draft_payload: { endDate: `${endDate}T00:00:00Z` },
        },
      ].sort((a, b) => Number(a.id) - Number(b.id)),
    );
    const page = await dflt().get(`/api/v1/reviews/campaigns/${campaignId}`).expect(200);
    expect(page.body.campaign.offlineReview).toBe(true);
    expect(page.body.campaign.drafts).toBe(2);

    await dflt().post(`/api/v1/campaigns/${campaignId}/confirm`).expect(200);
    const decided = await recert.query<{ id: string; status: string; comment: string }>(
      `SELECT id, status, comment FROM review_item WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[alice, carol]],
    );
    expect(Object.fromEntries(decided.map((d) => [d.id, [d.status, d.comment]]))).toEqual({
      [alice]: ['ok', 'Still needed for the job'],
      [carol]: ['update', 'Until the project ends'],
    });
  });

  it('round-trips a CSV, and refuses what is not a review spreadsheet', async () => {
    const res = await dflt().get(`${offlineUrl()}?format=csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parse(res.text) as string[][];
    expect(header.slice(0, 3)).toEqual(['Item', 'Identity', 'Access']);
    const bob = await itemIdOf('as-bob-crm-user');
    const bobRow = rows.find((r) => r[0] === bob)!;
    expect(bobRow[header.indexOf('Status')]).toBe('to be reviewed');
    // Decided items are listed too: their decision may still change while the campaign is open.
    const alice = await itemIdOf('as-alice-crm-admin');
    expect(rows.find((r) => r[0] === alice)![header.indexOf('Status')]).toBe('ok');

    bobRow[header.indexOf('Decision')] = 'Revoke';
    bobRow[header.indexOf('Comment')] = 'No longer needed';
    const csv = [header, bobRow].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
    const uploaded = await recert.upload(offlineUrl(), 'text/csv', csv, 'dflt', 'reviewer').expect(200);
    expect(uploaded.body).toEqual({ drafted: 1, blank: 0, refused: [] });
    const [draft] = await recert.query(
      `SELECT draft_decision, draft_comment FROM review_item WHERE id = $1`,
      [bob],
    );
    expect(draft).toEqual({ draft_decision: 'revoke', draft_comment: 'No longer needed' });

    const noHeader = await recert
      .upload(offlineUrl(), 'text/csv', 'a,b\n1,2\n', 'dflt', 'reviewer')
      .expect(400);
    expect(noHeader.body.errors[0].field).toBe('file');
    expect(noHeader.body.detail).toMatch(/lacks Item, Decision, Comment, End date/);
    const notXlsx = await recert.upload(offlineUrl(), XLSX, 'not a workbook', 'dflt', 'reviewer').expect(400);
    expect(notXlsx.body.detail).toBe('file: the file is not an XLSX workbook');
    await recert.upload(offlineUrl(), 'application/pdf', 'x', 'dflt', 'reviewer').expect(415);
    // Another reviewer has no items here.
    await recert.as('mgr', 'reviewer').get(offlineUrl()).expect(404);
  });

  it('is refused for a campaign that does not allow it', async () => {
    const online = await launch(false);
    const res = await dflt().get(`/api/v1/reviews/campaigns/${online}/offline`).expect(409);
    expect(res.body.type).toBe('https://recert.dev/problems/offline-review-off');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
