import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { TestRecert } from './support/harness';
import {
  csvRows,
  hugeSharedString,
  lyingSizes,
  OFFLINE_CSV_HEADER,
  rowsSheet,
  type Sent,
  streamUpload,
  whitespaceSheet,
  workbook,
} from './support/hostile-files';
import { inDays, smallLedger } from './support/ledger-fixture';
import { printTiming } from './support/timing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Issue 28, finding 2: an offline-review upload is bounded by the caller's own items before it costs
 * memory or time. The process keeps answering everyone while hostile files arrive.
 */
describe('hostile offline-review uploads', () => {
  let recert: TestRecert;
  let server: Server;
  let port: number;
  let campaignId: string;
  let itemCount: number;
  /** One row per item, and a few typed in by mistake (refused one by one). */
  let rowBound: number;
  const url = (id = campaignId) => `/api/v1/reviews/campaigns/${id}/offline`;
  const send = async (body: Readable, type: string, declaredLength?: number, id?: string) =>
    streamUpload(port, url(id), await recert.token('dflt', 'reviewer'), type, body, declaredLength);
  const problem = (sent: Sent) => JSON.parse(sent.body) as { status: number; detail: string; type: string };

  beforeAll(async () => {
    recert = await TestRecert.start();
    server = recert.app.getHttpServer() as Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    const admin = recert.as('root', 'admin');
    await admin.post('/api/v1/ledger/imports', smallLedger()).expect(200);
    const res = await admin
      .post('/api/v1/campaigns', {
        title: 'CRM review, offline allowed',
        dueAt: inDays(10),
        scope: { applicationKeys: ['crm'] },
        reviewers: { strategy: ['default'], defaultReviewerKey: 'dflt' },
        options: {
          offlineReview: true,
          notifications: { reminders: null, closingSoon: null, escalateAfter: null },
        },
      })
      .expect(201);
    campaignId = (await recert.waitForCampaign(res.body.id, 'active')).id;
    [{ n: itemCount }] = await recert.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM review_item WHERE campaign_id = $1 AND responsible_reviewer_key = 'dflt'`,
      [campaignId],
    );
    rowBound = itemCount + Math.ceil(itemCount / 10) + 10;
  });
  afterAll(() => recert.close());

  it('keeps answering /health within 1 s, grows < 100 MB and refuses each hostile file within 5 s', async () => {
    // Built before measuring: small on the wire, huge once inflated or parsed.
    const threeMillionRows = await workbook(rowsSheet(3_000_000));
    const whitespace = await workbook(whitespaceSheet(256));
    const lying = lyingSizes(await workbook(whitespaceSheet(64)), 2048);
    const hugeString = await workbook(rowsSheet(1), hugeSharedString(64));
    expect(threeMillionRows.length).toBeLessThan(2 * 1024 * 1024);
    expect(whitespace.length).toBeLessThan(2 * 1024 * 1024);

    const uploads: [string, () => Promise<Sent>, number, RegExp][] = [
      ['XLSX of 3 million rows', () => send(Readable.from([threeMillionRows]), XLSX), 413, /larger than/],
      [
        'XLSX inflating to 256 MB of whitespace',
        () => send(Readable.from([whitespace]), XLSX),
        400,
        /larger than/,
      ],
      ['XLSX lying about its inflated sizes', () => send(Readable.from([lying]), XLSX), 400, /not an XLSX/],
      [
        'XLSX with a 64 MB shared string',
        () => send(Readable.from([hugeString]), XLSX),
        400,
        /sharedStrings\.xml is larger/,
      ],
      [
        'CSV of 1.5 million rows, declared',
        () => send(csvRows(1_500_000), 'text/csv', 19_500_000),
        413,
        /larger than/,
      ],
      [
        'CSV of 1.5 million rows, chunked',
        () => send(csvRows(1_500_000), 'text/csv'),
        400,
        /more than \d+ filled rows/,
      ],
      [
        'CSV with a quote that never closes',
        () => send(Readable.from([OFFLINE_CSV_HEADER, '1,"', 'x'.repeat(1024 * 1024)]), 'text/csv'),
        400,
        /not CSV/,
      ],
      [
        'CSV to a campaign that does not exist',
        () => send(csvRows(100_000), 'text/csv', 4_000_000, '00000000-0000-4000-8000-000000000000'),
        404,
        /./,
      ],
    ];

    let peak = process.memoryUsage().rss;
    const before = peak;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let slowestHealth = 0;
    let probing = true;
    const probe = (async () => {
      const { port } = server.address() as AddressInfo;
      while (probing) {
        const started = Date.now();
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        await res.text();
        slowestHealth = Math.max(slowestHealth, Date.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const answers: { what: string; status: number; ms: number; detail: string }[] = [];
    try {
      for (const [what, upload] of uploads) {
        const sent = await upload();
        answers.push({ what, status: sent.status, ms: sent.ms, detail: problem(sent).detail });
      }
    } finally {
      probing = false;
      await probe;
      clearInterval(sampler);
    }
    for (const [i, [what, , status, detail]] of uploads.entries()) {
      expect({ what, status: answers[i].status }).toEqual({ what, status });
      expect(answers[i].detail).toMatch(detail);
      expect({ what, fast: answers[i].ms < 5000 }).toEqual({ what, fast: true });
    }
    printTiming('slowest /health during hostile offline uploads', slowestHealth);
    expect((peak - before) / 1024 / 1024).toBeLessThan(100);
  }, 300_000);

  it('reads no more rows than the reviewer has items, nor columns beyond the sheet', async () => {
    const rows = await send(Readable.from([await workbook(rowsSheet(rowBound + 1))]), XLSX);
    expect(rows.status).toBe(400);
    expect(problem(rows).detail).toContain(
      `more than ${rowBound} filled rows, where you have ${itemCount} items`,
    );

    const csv = await send(csvRows(rowBound + 1), 'text/csv');
    expect(csv.status).toBe(400);
    expect(problem(csv).detail).toContain(
      `more than ${rowBound} filled rows, where you have ${itemCount} items`,
    );

    const wide = await send(Readable.from([`${OFFLINE_CSV_HEADER.trim()},Extra\n`]), 'text/csv');
    expect(wide.status).toBe(400);
    expect(problem(wide).detail).toMatch(/beyond the 10 columns/);

    // Within bounds, the same shapes are read as rows: one decision for one of the reviewer's items.
    const [{ id }] = await recert.query<{ id: string }>(
      `SELECT id FROM review_item WHERE campaign_id = $1 AND responsible_reviewer_key = 'dflt' ORDER BY id LIMIT 1`,
      [campaignId],
    );
    const ok = await send(Readable.from([await workbook(rowsSheet(1, id))]), XLSX);
    expect({ status: ok.status, body: JSON.parse(ok.body) }).toEqual({
      status: 200,
      body: { drafted: 1, blank: 0, refused: [] },
    });
  });

  it('answers with the refused rows, each cell echoed no longer than its bound', async () => {
    const long = 'y'.repeat(30_000);
    const csv = `${OFFLINE_CSV_HEADER}${long},,,,,,,Approve,,\n`;
    const sent = await send(Readable.from([csv]), 'text/csv');
    expect(sent.status).toBe(200);
    const body = JSON.parse(sent.body) as { refused: { itemId: string; field: string }[] };
    expect(body.refused).toHaveLength(1);
    expect(body.refused[0].field).toBe('item');
    expect(body.refused[0].itemId!.length).toBeLessThanOrEqual(24);
    expect(sent.body.length).toBeLessThan(500);
  });
});
