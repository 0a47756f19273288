import fc from 'fast-check';
import { leak, problemViolation } from '../../scripts/fuzz/checks';
import { withDuplicatedKey } from '../../scripts/fuzz/hostile';
import { returnToViolation } from '../../scripts/fuzz/return-to';
import { SchemaArbitraries, type Schema } from '../../scripts/fuzz/schema-arbitrary';

const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  status,
  contentType: 'application/problem+json; charset=utf-8',
  text: JSON.stringify({ type: 'https://recert.dev/problems/x', title: 'X', status, ...extra }),
});

describe("the fuzz's judgement of an answer", () => {
  it('passes a problem+json refusal and leaves 2xx and 5xx to the other checks', () => {
    expect(problemViolation(problem(404, { detail: "No campaign ' OR 1=1 --." }))).toBeUndefined();
    expect(problemViolation(problem(404, { instance: '/api/v1/campaigns/app/items' }))).toBeUndefined();
    expect(
      problemViolation(problem(400, { detail: 'No file ../../../../etc/passwd here.' })),
    ).toBeUndefined();
    expect(problemViolation({ status: 200, contentType: 'text/html', text: '<html>' })).toBeUndefined();
    expect(problemViolation({ status: 502, contentType: 'text/html', text: '<html>' })).toBeUndefined();
  });

  it('refuses a refusal in another shape', () => {
    expect(problemViolation({ status: 400, contentType: 'text/html', text: 'Bad Request' })).toMatch(
      /not problem\+json/,
    );
    expect(problemViolation({ ...problem(400), text: '{"type":' })).toMatch(/not JSON/);
    expect(problemViolation({ ...problem(409), text: JSON.stringify({ title: 'X', status: 409 }) })).toMatch(
      /lacks type/,
    );
    expect(
      problemViolation({ ...problem(422), text: JSON.stringify({ type: 't', title: 'X', status: 400 }) }),
    ).toMatch(/same status/);
  });

  it.each([
    ['a stack frame', 'Error: x\n    at CampaignsService.launch (/srv/recert/dist/src/x.js:10:5)'],
    ['a file path', 'failed in /work/main/node_modules/pg/lib/client.js'],
    ['a file path', 'cannot open /app/dist/src/main.js'],
    ['an SQL error', 'duplicate key value violates unique constraint "campaign_pkey"'],
    ['an SQL statement', 'query was: SELECT id FROM campaign WHERE id = $1'],
    ['a runtime error', "TypeError: Cannot read properties of undefined (reading 'id')"],
  ])('finds %s in a refusal', (what, detail) => {
    expect(leak(JSON.stringify({ detail }))).toContain(what);
    expect(problemViolation(problem(400, { detail }))).toContain(what);
  });
});

describe("the fuzz's generators", () => {
  it('generates only values the schema describes', () => {
    const schema: Schema = {
      type: 'object',
      required: ['itemId', 'decision'],
      properties: {
        itemId: { type: 'string', pattern: '^[1-9]\\d{0,17}$' },
        decision: { type: 'string', enum: ['approve', 'revoke'] },
        comment: { type: ['string', 'null'], maxLength: 20 },
        count: { type: 'integer', minimum: 1, maximum: 500 },
        nested: { $ref: '#/components/schemas/Nested' },
      },
    };
    const arbitraries = new SchemaArbitraries({
      Nested: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'boolean' } },
    });
    for (const v of fc.sample(arbitraries.valid(schema), { numRuns: 200, seed: 7 }) as Record<
      string,
      unknown
    >[]) {
      expect(v.itemId).toMatch(/^[1-9]\d{0,17}$/);
      expect(['approve', 'revoke']).toContain(v.decision);
      if (v.comment !== undefined && v.comment !== null)
        expect((v.comment as string).length).toBeLessThanOrEqual(20);
      if (v.count !== undefined) expect(v.count).toBeGreaterThanOrEqual(1);
      if (v.count !== undefined) expect(v.count).toBeLessThanOrEqual(500);
      if (v.nested !== undefined) expect((v.nested as unknown[]).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('ends a recursive schema', () => {
    const arbitraries = new SchemaArbitraries({
      Expr: {
        anyOf: [
          {
            type: 'object',
            required: ['and'],
            properties: { and: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Expr' } } },
          },
          { type: 'object', required: ['prop'], properties: { prop: { type: 'string' } } },
        ],
      },
    });
    expect(
      fc.sample(arbitraries.valid({ $ref: '#/components/schemas/Expr' }), { numRuns: 50, seed: 1 }),
    ).toHaveLength(50);
  });

  it('writes a key twice, the first copy holding the other value', () => {
    const text = withDuplicatedKey({ title: 'ok', n: 1 }, { x: '\u0000' })!;
    expect(text).toBe('{"title":{"x":"\\u0000"},"title":"ok","n":1}');
    expect(JSON.parse(text)).toEqual({ title: 'ok', n: 1 });
  });
});

describe("the fuzz's judgement of where a sign-in sends the browser", () => {
  const site = 'http://localhost:3000';

  it('passes a path of the site and names what leaves it, as a browser resolves it', () => {
    expect(returnToViolation('/campaigns?next=//evil.test#//x', site)).toBeUndefined();
    expect(returnToViolation('/%2f/evil.test', site)).toBeUndefined();
    expect(returnToViolation('//evil.test/phish', site)).toMatch(/leaves for http:\/\/evil\.test$/);
    expect(returnToViolation('/\\evil.test', site)).toMatch(/leaves for http:\/\/evil\.test$/);
    expect(returnToViolation('/\t/evil.test', site)).toMatch(/leaves for http:\/\/evil\.test$/);
    expect(returnToViolation('https:evil.test', site)).toMatch(/leaves for https:\/\/evil\.test$/);
    expect(returnToViolation(`${site}/campaigns`, site)).toMatch(/not a path starting with one \//);
    expect(returnToViolation('http://[', site)).toMatch(/is not a URL/);
  });
});
