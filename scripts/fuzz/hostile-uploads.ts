import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import {
  csvRows,
  endless,
  hugeSharedString,
  lyingSizes,
  OFFLINE_CSV_HEADER,
  rowsSheet,
  type Sent,
  streamUpload,
  whitespaceSheet,
  workbook,
} from '../../test/support/hostile-files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What each hostile upload may cost the API process, as issue 28 bounds it. */
export const UPLOAD_BOUNDS = { answerMs: 5000, healthMs: 1000, rssMb: 100 };

export interface HostileUpload {
  what: string;
  path: string;
  caller: 'admin' | 'reviewer';
  contentType: string;
  body: () => Promise<Readable>;
}

/**
 * Files that are small on the wire and huge once inflated or parsed (issue 28's findings 2 and 4), for
 * the offline review of `campaignId` (a reviewer's) and for ledger imports (an administrator's).
 */
export function hostileUploads(campaignId: string): HostileUpload[] {
  const offline = `/api/v1/reviews/campaigns/${campaignId}/offline`;
  const fromBuffer = (make: () => Promise<Buffer>) => async () => Readable.from([await make()]);
  return [
    {
      what: 'XLSX of 3 million rows',
      path: offline,
      caller: 'reviewer',
      contentType: XLSX,
      body: fromBuffer(() => workbook(rowsSheet(3_000_000))),
    },
    {
      what: 'XLSX inflating to 256 MB of whitespace',
      path: offline,
      caller: 'reviewer',
      contentType: XLSX,
      body: fromBuffer(() => workbook(whitespaceSheet(256))),
    },
    {
      what: 'XLSX lying about its inflated sizes',
      path: offline,
      caller: 'reviewer',
      contentType: XLSX,
      body: fromBuffer(async () => lyingSizes(await workbook(whitespaceSheet(64)), 2048)),
    },
    {
      what: 'XLSX with a 64 MB shared string',
      path: offline,
      caller: 'reviewer',
      contentType: XLSX,
      body: fromBuffer(() => workbook(rowsSheet(1), hugeSharedString(64))),
    },
    {
      what: 'CSV of 1.5 million rows',
      path: offline,
      caller: 'reviewer',
      contentType: 'text/csv',
      body: async () => csvRows(1_500_000),
    },
    {
      what: 'offline CSV whose quote never closes',
      path: offline,
      caller: 'reviewer',
      contentType: 'text/csv',
      body: async () => endless(`${OFFLINE_CSV_HEADER}1,"`, 'x', 64),
    },
    {
      what: 'ledger CSV whose quote never closes',
      path: '/api/v1/ledger/imports?collection=identities',
      caller: 'admin',
      contentType: 'text/csv',
      body: async () => endless('key,displayName\nx,"', 'y', 400),
    },
    {
      what: 'ledger NDJSON line that never ends',
      path: '/api/v1/ledger/imports?collection=identities',
      caller: 'admin',
      contentType: 'application/x-ndjson',
      body: async () => endless('{"key":"', 'z', 400),
    },
  ];
}

export interface UploadOutcome {
  what: string;
  status: number;
  ms: number;
  /** The slowest /health answered while it was sent. */
  healthMs: number;
  /** How far the API process's resident memory rose above where it was before, in MB. */
  rssRiseMb: number;
  /** The bound it broke, if any. */
  rule?: string;
}

/** Resident memory of process `pid`, from /proc (Linux), in MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Sends each upload to the API at `site` (process `pid`) while /health is asked every 50 ms: each must be
 * refused (a 4xx problem) within the bounds, the process staying responsive and small.
 */
export async function sendHostileUploads(
  site: string,
  pid: number,
  tokens: Record<HostileUpload['caller'], string>,
  uploads: HostileUpload[],
): Promise<UploadOutcome[]> {
  const port = Number(new URL(site).port);
  const outcomes: UploadOutcome[] = [];
  for (const upload of uploads) {
    const body = await upload.body();
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
    let healthMs = 0;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = Date.now();
        await fetch(`${site}/health`).then(
          (r) => r.text(),
          () => undefined,
        );
        healthMs = Math.max(healthMs, Date.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    let sent: Sent | undefined;
    let error: string | undefined;
    try {
      sent = await streamUpload(port, upload.path, tokens[upload.caller], upload.contentType, body);
    } catch (err) {
      error = (err as Error).message;
    } finally {
      probing = false;
      await probe;
      clearInterval(sampler);
    }
    const outcome: UploadOutcome = {
      what: upload.what,
      status: sent?.status ?? 0,
      ms: sent?.ms ?? 0,
      healthMs,
      rssRiseMb: Math.round(peak - before),
    };
    const problem =
      sent && /^\{/.test(sent.body) ? (JSON.parse(sent.body) as { status?: number }) : undefined;
    outcome.rule = error
      ? `no answer: ${error}`
      : outcome.status < 400 || outcome.status >= 500 || problem?.status !== outcome.status
        ? `answered ${outcome.status}, not a 4xx problem`
        : outcome.ms > UPLOAD_BOUNDS.answerMs
          ? `answered after ${outcome.ms} ms`
          : healthMs > UPLOAD_BOUNDS.healthMs
            ? `/health took ${healthMs} ms meanwhile`
            : outcome.rssRiseMb > UPLOAD_BOUNDS.rssMb
              ? `the API grew ${outcome.rssRiseMb} MB`
              : undefined;
    outcomes.push(outcome);
  }
  return outcomes;
}
