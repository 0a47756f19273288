import * as http from 'node:http';
import { Readable } from 'node:stream';
import * as yazl from 'yazl';

/**
 * Files a hostile reviewer uploads as an offline review: small on the wire, huge once inflated or
 * parsed. Each is built here as a stream, so that making them costs the test little memory.
 */

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  '<sheet name="Review" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
  '</Relationships>';
const HEADER =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c><c r="H1" t="inlineStr"><is><t>Decision</t></is></c>' +
  '<c r="I1" t="inlineStr"><is><t>Comment</t></is></c><c r="J1" t="inlineStr"><is><t>End date</t></is></c></row>';
const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';

/** `count` pieces of `make(i)` between `head` and `tail`, as a stream of chunks of about 1 MB. */
function generated(count: number, make: (i: number) => string, head = '', tail = ''): Readable {
  return Readable.from(
    (function* () {
      let chunk = head;
      for (let i = 0; i < count; i++) {
        chunk += make(i);
        if (chunk.length >= 1024 * 1024) {
          yield Buffer.from(chunk);
          chunk = '';
        }
      }
      yield Buffer.from(chunk + tail);
    })(),
  );
}

/** A workbook of the Review sheet given as a stream, and shared strings (one empty by default). */
export function workbook(sheet: Readable, sharedStrings?: Readable): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(WORKBOOK), 'xl/workbook.xml');
  zip.addBuffer(Buffer.from(RELS), 'xl/_rels/workbook.xml.rels');
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
  zip.addReadStream(
    sharedStrings ??
      Readable.from([
        Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
      ]),
    'xl/sharedStrings.xml',
  );
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/**
 * The sheet Recert reads: a header and `rows` rows deciding item `itemId`. The rows carry no references
 * (columns follow one another), as some writers do: all alike, they compress a thousandfold.
 */
export function rowsSheet(rows: number, itemId = '1'): Readable {
  const row =
    `<row><c t="inlineStr"><is><t>${itemId}</t></is></c><c/><c/><c/><c/><c/><c/>` +
    '<c t="inlineStr"><is><t>Approve</t></is></c></row>';
  return generated(rows, () => row, SHEET_OPEN + HEADER, SHEET_CLOSE);
}

/** A sheet whose header is followed by `megabytes` of whitespace. */
export function whitespaceSheet(megabytes: number): Readable {
  const mb = ' '.repeat(1024 * 1024);
  return generated(megabytes, () => mb, SHEET_OPEN + HEADER, SHEET_CLOSE);
}

/** Shared strings with one string of `megabytes`. */
export function hugeSharedString(megabytes: number): Readable {
  const mb = 'x'.repeat(1024 * 1024);
  return generated(
    megabytes,
    () => mb,
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
    '</t></si></sst>',
  );
}

/** The same zip, its central directory claiming every part is `size` bytes once inflated. */
export function lyingSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(central); at !== -1; at = out.indexOf(central, at + 1)) {
    out.writeUInt32LE(size, at + 24);
  }
  return out;
}

/** `head`, then `megabytes` of `fill`: a quote that never closes, a line that never ends. */
export function endless(head: string, fill: string, megabytes: number): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(head);
      const mb = Buffer.alloc(1024 * 1024, fill);
      for (let i = 0; i < megabytes; i++) yield mb;
    })(),
  );
}

/** CSV rows of the offline sheet's header and `rows` rows, as a stream. */
export function csvRows(rows: number): Readable {
  return generated(
    rows,
    (i) => `${i},Someone,Access,acct,,,to be reviewed,Approve,fine,\n`,
    OFFLINE_CSV_HEADER,
  );
}
export const OFFLINE_CSV_HEADER =
  'Item,Identity,Access,Account,Recommendation,Notes,Status,Decision,Comment,End date\n';

export interface Sent {
  status: number;
  body: string;
  /** From the first byte sent to the whole answer. */
  ms: number;
}

/**
 * Posts `body` to the server on `port` (of 127.0.0.1) as a stream (chunked unless `declaredLength`), stopping as soon as an answer
 * comes: the server may refuse before it has read everything.
 */
export function streamUpload(
  port: number,
  path: string,
  token: string,
  contentType: string,
  body: Readable,
  declaredLength?: number,
): Promise<Sent> {
  const started = Date.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<Sent>((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        // A connection of its own, kept alive as curl and browsers ask: a client that asks to close
        // (`agent: false` sends `Connection: close`) is closed at once after a refusal, and the reset that
        // follows its unread body can take the answer with it.
        agent,
        method: 'POST',
        path,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': contentType,
          ...(declaredLength !== undefined ? { 'content-length': declaredLength } : {}),
        },
      },
      (res) => {
        answered = true;
        body.unpipe(req);
        body.destroy();
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, ms: Date.now() - started }));
        res.on('error', reject);
      },
    );
    // The server closes a connection whose body it refused to read: writing on may fail after the answer.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    body.pipe(req);
  }).finally(() => agent.destroy());
}
