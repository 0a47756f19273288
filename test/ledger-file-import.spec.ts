import { TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';
import { LEDGER_TABLES, ledgerRowCounts, toCsv, toNdjson } from './support/ledger-files';

const IMPORTS = '/api/v1/ledger/imports';
const COLLECTIONS = ['identities', 'applications', 'permissions', 'accounts', 'assignments'] as const;

describe('Ledger files (CSV and NDJSON) streamed into the ledger', () => {
  let recert: TestRecert;

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false, env: { RECERT_IMPORT_FILE_LIMIT: '64kb' } });
  });
  afterAll(() => recert.close());

  const rowCounts = () => ledgerRowCounts(recert);

  /** Everything the ledger holds, without the columns an import stamps. */
  async function ledgerContent(): Promise<unknown[]> {
    const content: unknown[] = [];
    for (const table of LEDGER_TABLES.slice(0, 5)) {
      const rows = await recert.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY key`);
      content.push(rows.map(({ import_id, created_at, updated_at, id, ...rest }) => rest));
    }
    return content;
  }

  const csv = (collection: string, body: string) =>
    recert.upload(`${IMPORTS}?collection=${collection}`, 'text/csv', body);
  const ndjson = (body: string, query = '') => recert.upload(IMPORTS + query, 'application/x-ndjson', body);

  async function expectRefusedWithoutWriting(
    send: () => PromiseLike<{
      status: number;
      headers: Record<string, string>;
      body: Record<string, unknown>;
    }>,
    status = 400,
  ) {
    const before = await rowCounts();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await rowCounts()).toEqual(before);
    return res.body as { detail: string; errors?: { line?: number; field: string; message: string }[] };
  }

  it('imports a ledger as one CSV file per collection, the same as its JSON document', async () => {
    const doc = smallLedger();
    const received: Record<string, number> = {};
    for (const collection of COLLECTIONS) {
      const res = await csv(collection, toCsv(doc[collection])).expect(200);
      received[collection] = res.body.counts[collection].inserted;
    }
    expect(received).toEqual({ identities: 8, applications: 2, permissions: 3, accounts: 1, assignments: 8 });
    const [alice] = await recert.query<{ manager: string; critical: boolean }>(
      `SELECT m.key AS manager FROM identity i JOIN identity m ON m.id = i.manager_id WHERE i.key = 'alice'`,
    );
    expect(alice.manager).toBe('mgr');
    const [admin] = await recert.query<{ critical: boolean }>(
      `SELECT critical FROM permission WHERE key = 'crm-admin'`,
    );
    expect(admin.critical).toBe(true);

    // The JSON document of the same ledger finds nothing to change.
    const before = await ledgerContent();
    const again = await recert.as('root', 'admin').post(IMPORTS, doc).expect(200);
    for (const c of COLLECTIONS) expect(again.body.counts[c]).toMatchObject({ inserted: 0, updated: 0 });
    expect(await ledgerContent()).toEqual(before);
  });

  it('takes values that need quoting, JSON attributes and an import that changes rows', async () => {
    const res = await csv(
      'identities',
      toCsv([
        {
          key: 'quoted',
          displayName: 'Smith, "Jo"\nsecond line',
          email: 'jo@example.test',
          attributes: { costCenter: 'CC-1', tab: 'a\tb', slash: 'c:\\d' },
        },
        { key: 'alice', displayName: 'Alice', managerKey: 'mgr', department: 'Marketing', jobTitle: 'Rep' },
      ]),
    ).expect(200);
    expect(res.body.counts.identities).toMatchObject({ received: 2, inserted: 1, updated: 1 });
    const [quoted] = await recert.query<{ display_name: string; attributes: object }>(
      `SELECT display_name, attributes FROM identity WHERE key = 'quoted'`,
    );
    expect(quoted).toEqual({
      display_name: 'Smith, "Jo"\nsecond line',
      attributes: { costCenter: 'CC-1', tab: 'a\tb', slash: 'c:\\d' },
    });
  });

  it('imports one NDJSON file of every collection, children before their parents', async () => {
    const doc = smallLedger();
    for (const a of doc.assignments) a.key = `nd-${a.key}`;
    doc.identities.push({ key: 'nd-new', displayName: 'New hire', managerKey: 'mgr' });
    doc.assignments.push({ key: 'nd-new-crm', identityKey: 'nd-new', permissionKey: 'crm-user' });
    const lines = [...COLLECTIONS]
      .reverse()
      .flatMap((collection) =>
        doc[collection].map((row) => ({ collection, row: row as Record<string, unknown> })),
      );
    const res = await ndjson(toNdjson(lines)).expect(200);
    expect(res.body.counts.assignments).toMatchObject({ received: 9, inserted: 9 });
    expect(res.body.counts.identities).toMatchObject({ received: 9, inserted: 1 });
    const [row] = await recert.query<{ identity: string }>(
      `SELECT i.key AS identity FROM assignment a JOIN identity i ON i.id = a.identity_id WHERE a.key = 'nd-new-crm'`,
    );
    expect(row.identity).toBe('nd-new');
  });

  it('imports NDJSON lines of one collection named by the query', async () => {
    const body = [
      '{"key":"crm-viewer","applicationKey":"crm","name":"CRM Viewer"}',
      '',
      '{"key":"erp-admin","applicationKey":"erp","name":"ERP Admin","critical":true}',
    ].join('\n');
    const res = await ndjson(body, '?collection=permissions').expect(200);
    expect(res.body.counts.permissions).toMatchObject({ received: 2, inserted: 2 });
  });

  it('warns of bidirectional controls by collection, line and field, and imports those rows all the same', async () => {
    const evil = 'Evil\u202Egnp.exe';
    const control = (code: string) => expect.stringContaining(`contains U+${code}`);
    const fromCsv = await csv(
      'permissions',
      toCsv([
        { key: 'bidi-plain', applicationKey: 'crm', name: 'Plain' },
        { key: 'bidi-evil', applicationKey: 'crm', name: evil },
      ]),
    ).expect(200);
    expect(fromCsv.body.counts.permissions).toMatchObject({ received: 2, inserted: 2 });
    expect(fromCsv.body.warnings).toEqual([
      {
        collection: 'permissions',
        line: 3,
        field: 'name',
        message: expect.stringMatching(/^contains U\+202E RIGHT-TO-LEFT OVERRIDE/),
      },
    ]);
    const [stored] = await recert.query<{ name: string }>(
      `SELECT name FROM permission WHERE key = 'bidi-evil'`,
    );
    expect(stored.name).toBe(evil);

    // Escaped in JSON, nested in attributes, in a line naming its collection.
    const line =
      '{"collection":"identities","key":"bidi-id","displayName":"Mark\\u200f","attributes":{"site":"a\\u2066b"}}';
    const fromNdjson = await ndjson(
      `{"collection":"identities","key":"bidi-ok","displayName":"Ok"}\n${line}\n`,
    ).expect(200);
    expect(fromNdjson.body.counts.identities).toMatchObject({ received: 2, inserted: 2 });
    expect(fromNdjson.body.warnings).toEqual([
      { collection: 'identities', line: 2, field: 'displayName', message: control('200F') },
      { collection: 'identities', line: 2, field: 'attributes.site', message: control('2066') },
    ]);

    const fromDocument = await recert
      .as('root', 'admin')
      .post(IMPORTS, {
        applications: [{ key: 'bidi-app', name: 'App\u061c' }],
        accounts: [{ key: 'bidi-acc', applicationKey: 'bidi-app', login: 'x\u202ay' }],
      })
      .expect(200);
    expect(fromDocument.body.warnings).toEqual([
      { collection: 'applications', field: 'applications[0].name', message: control('061C') },
      { collection: 'accounts', field: 'accounts[0].login', message: control('202A') },
    ]);

    const many = Array.from({ length: 150 }, (_, i) => ({
      key: `bidi-${i}`,
      applicationKey: 'crm',
      name: `Right\u200fto left ${i}`,
    }));
    const capped = await csv('permissions', toCsv(many)).expect(200);
    expect(capped.body.counts.permissions).toMatchObject({ received: 150, inserted: 150 });
    expect(capped.body.warnings).toHaveLength(100);
    expect(capped.body.warnings[99]).toMatchObject({ line: 101, field: 'name' });
    expect((await csv('permissions', toCsv(smallLedger().permissions)).expect(200)).body.warnings).toEqual(
      [],
    );
  });

  it('refuses a CSV file with bad lines, naming each line and field, and writes nothing', async () => {
    const body = [
      'key,identityKey,permissionKey,frozen,assignedAt',
      'ok-1,alice,crm-user,false,2026-01-01T00:00:00Z',
      'bad-ref,alice,no-such-permission,false,',
      'ok-2,bob,erp-user,,',
      'no-identity,,crm-user,,',
      'bad-bool,carol,crm-user,maybe,',
      'bad-date,carol,erp-user,,yesterday',
      'ok-1,dave,erp-user,,',
      'short,dave',
    ].join('\n');
    const problem = await expectRefusedWithoutWriting(() => csv('assignments', body));
    expect(problem.errors!.map((e) => [e.line, e.field])).toEqual([
      [5, 'identityKey'],
      [6, 'frozen'],
      [7, 'assignedAt'],
      [9, '(record)'],
    ]);
    expect(problem.detail).toMatch(/^line 5, identityKey: /);

    // Once every record is well formed, the references and keys are checked, all of them.
    const wellFormed = [
      'key,identityKey,permissionKey',
      'ok-1,alice,crm-user',
      'bad-ref,alice,no-such-permission',
      'ok-2,nobody,erp-user',
      'ok-1,dave,erp-user',
    ].join('\n');
    const refs = await expectRefusedWithoutWriting(() => csv('assignments', wellFormed));
    expect(refs.errors).toEqual([
      { line: 5, field: 'key', message: 'duplicate key "ok-1" (also at line 2)' },
      {
        line: 4,
        field: 'identityKey',
        message: 'unknown identity "nobody" (neither in this import nor in the ledger)',
      },
      {
        line: 3,
        field: 'permissionKey',
        message: 'unknown permission "no-such-permission" (neither in this import nor in the ledger)',
      },
    ]);
  });

  it('reports the first 100 bad records of a long file, not only the first', async () => {
    const rows = Array.from({ length: 300 }, (_, n) => `k-${n},alice,${n % 2 ? 'crm-user' : ''}`);
    const problem = await expectRefusedWithoutWriting(() =>
      csv('assignments', ['key,identityKey,permissionKey', ...rows].join('\n')),
    );
    expect(problem.errors).toHaveLength(100);
    expect(problem.errors!.slice(0, 2).map((e) => e.line)).toEqual([2, 4]);
  });

  it.each([
    ['an unknown column', () => csv('identities', 'key,displayName,salary\nx,X,100\n'), 1, 'salary'],
    [
      'a line that is not JSON',
      () => ndjson('{"collection":"identities","key":"x","displayName":"X"}\n{oops\n'),
      2,
      '(record)',
    ],
    ['a line of no collection', () => ndjson('{"collection":"people","key":"x"}\n'), 1, 'collection'],
    [
      'a line of another collection than the query names',
      () => ndjson('{"collection":"identities","key":"x","displayName":"X"}\n', '?collection=applications'),
      1,
      'collection',
    ],
    ['a quote never closed', () => csv('identities', 'key,displayName\nx,X\ny,"open\n'), 3, '(record)'],
    ['a NUL character', () => csv('identities', 'key,displayName\nx,"a\u0000b"\n'), 2, 'displayName'],
  ])('refuses %s by line, writing nothing', async (_, send, line, field) => {
    const problem = await expectRefusedWithoutWriting(send);
    expect(problem.errors![0]).toMatchObject({ line, field });
  });

  it('refuses a CSV file of no named collection, and a body of another type', async () => {
    const missing = await expectRefusedWithoutWriting(() => recert.upload(IMPORTS, 'text/csv', 'key\nx\n'));
    expect(missing.errors![0].field).toBe('collection');
    await expectRefusedWithoutWriting(() => recert.upload(IMPORTS, 'application/pdf', '%PDF-1.7'), 415);
    await expectRefusedWithoutWriting(() =>
      recert.as('root', 'admin').post(`${IMPORTS}?collection=identities`, smallLedger()),
    );
  });

  it('refuses a file over RECERT_IMPORT_FILE_LIMIT part-way, writing nothing', async () => {
    const rows = Array.from({ length: 3000 }, (_, n) => ({
      key: `big-${n}`,
      displayName: `Person number ${n}`,
    }));
    const problem = await expectRefusedWithoutWriting(() => csv('identities', toCsv(rows)), 413);
    expect(problem.detail).toContain('RECERT_IMPORT_FILE_LIMIT');
  });

  it('is for administrators only', async () => {
    await recert
      .upload(`${IMPORTS}?collection=identities`, 'text/csv', 'key,displayName\nx,X\n', 'mgr', 'reviewer')
      .expect(403);
  });
});
