import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { MAX_RECORD_CHARS } from '../src/ledger/ledger-file.reader';
import { TestRecert } from './support/harness';
import { endless, streamUpload } from './support/hostile-files';

const IMPORTS = '/api/v1/ledger/imports';

/**
 * Issue 28, finding 4: a ledger file's record is bounded as the parser reads it. A quote that never
 * closes, or a line that never ends, is refused at the bound, not held in memory to the end of the file.
 */
describe('hostile ledger files', () => {
  let recert: TestRecert;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false });
    server = recert.app.getHttpServer() as Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => recert.close());

  it.each([
    [
      'a CSV quote that never closes',
      'text/csv',
      '?collection=identities',
      'key,displayName\nok,Ok\nx,"',
      'y',
    ],
    [
      'an NDJSON line that never ends',
      'application/x-ndjson',
      '?collection=identities',
      '{"key":"ok","displayName":"Ok"}\n{"key":"',
      'z',
    ],
  ])(
    'refuses %s at the record bound, within seconds and without growing',
    async (_, type, query, head, fill) => {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      try {
        const sent = await streamUpload(
          port,
          IMPORTS + query,
          await recert.token('root', 'admin'),
          type,
          endless(head, fill, 400),
        );
        expect(sent.status).toBe(400);
        const problem = JSON.parse(sent.body) as {
          errors: { line: number; field: string; message: string }[];
        };
        expect(problem.errors).toEqual([
          {
            line: 3 - (type === 'text/csv' ? 0 : 1),
            field: '(record)',
            message: expect.stringContaining(`longer than ${MAX_RECORD_CHARS}`),
          },
        ]);
        expect(sent.ms).toBeLessThan(5000);
      } finally {
        clearInterval(sampler);
      }
      expect((peak - before) / 1024 / 1024).toBeLessThan(100);
      expect(await recert.query(`SELECT key FROM identity`)).toEqual([]);
    },
  );
});
