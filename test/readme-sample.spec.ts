import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRecert } from './support/harness';
import { smallLedger } from './support/ledger-fixture';

/** The JSON block that follows `marker` in a document, exactly as a reader copies it. */
function sampleJson(doc: string, marker: string): Record<string, unknown> {
  const text = fs.readFileSync(path.join(__dirname, '..', doc), 'utf8');
  const from = text.indexOf(marker);
  const block = /```json\n([\s\S]*?)\n```/.exec(text.slice(from));
  if (from < 0 || !block) throw new Error(`${doc}: no JSON block after ${JSON.stringify(marker)}`);
  return JSON.parse(block[1]) as Record<string, unknown>;
}

describe('the documentation’s samples', () => {
  let recert: TestRecert;
  beforeAll(async () => {
    recert = await TestRecert.start();
    const ledger = smallLedger();
    ledger.identities.push({ key: 'iam-team', displayName: 'IAM team', email: 'iam@example.test' });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', ledger).expect(200);
  });
  afterAll(() => recert.close());

  it('launches the sample campaign body as it is written', async () => {
    const sample = sampleJson('docs/api.md', '## A campaign body');
    // The sample's due date is a fixed day: once it has passed, the check goes on with a date ahead.
    const due = typeof sample.dueAt === 'string' ? Date.parse(sample.dueAt) : NaN;
    const body =
      due > Date.now() ? sample : { ...sample, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
    const res = await recert.as('root', 'admin').post('/api/v1/campaigns', body);
    expect({ status: res.status, problem: res.status === 201 ? undefined : res.body }).toEqual({
      status: 201,
      problem: undefined,
    });
    expect(res.body).toMatchObject({ title: body.title, priority: body.priority });
  });
});
