import fc, { type Arbitrary } from 'fast-check';
import { hostileBody, hostileString, invalidate, withDuplicatedKey } from './hostile';
import { SchemaArbitraries, type Schema } from './schema-arbitrary';

export type Caller = 'admin' | 'auditor' | 'reviewer' | 'anonymous' | 'forged';
export type Kind = 'valid' | 'invalid' | 'hostile';

export interface FuzzRequest {
  /** `METHOD /path/{template}`, the operation of the OpenAPI document. */
  operation: string;
  kind: Kind;
  /** What the generator did, for the report of a violation. */
  what: string;
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string | Buffer;
  caller: Caller;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Real values the generated requests use half the time, so that they reach past the 404s. */
export interface KnownValues {
  campaignId: string;
  policyId: string;
  itemIds: string[];
  identityKeys: string[];
  applicationKeys: string[];
  permissionKeys: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document with the generator of its requests. */
export function requestPlans(
  doc: OpenApiDocument,
  known: KnownValues,
): { operation: string; requests: Arbitrary<FuzzRequest> }[] {
  const schemas = new SchemaArbitraries(doc.components?.schemas ?? {});
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        const operation = `${method.toUpperCase()} ${template}`;
        return { operation, requests: planOf(operation, method, template, op, schemas, known) };
      }),
  );
}

function planOf(
  operation: string,
  method: string,
  template: string,
  op: Operation,
  schemas: SchemaArbitraries,
  known: KnownValues,
): Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const json = op.requestBody?.content['application/json']?.schema;
  const xml = op.requestBody?.content['application/xml'];
  const validBody: Arbitrary<unknown> | undefined = json
    ? schemas.valid(json).map((v) => withKnownValues(v, known))
    : undefined;

  const pathValues = fc.tuple(
    ...pathParams.map((p) =>
      fc.oneof(
        { arbitrary: fc.constant(knownFor(template, p.name, known)), weight: 3 },
        { arbitrary: p.schema ? schemas.valid(p.schema).map(String) : fc.string(), weight: 1 },
      ),
    ),
  );
  const hostilePath = fc.tuple(...pathParams.map(() => hostileString.filter((s) => s.length < 5000)));
  const validQuery = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        (p.schema ? schemas.valid(p.schema) : fc.string()).map(
          (v) => [p.name, String(v)] as [string, string],
        ),
        { nil: undefined },
      ),
    ),
  );
  const hostileQuery = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'unknown'), fc.string({ maxLength: 10 })),
      hostileString.filter((s) => s.length < 20_000),
    ),
    { minLength: 1, maxLength: 3 },
  );
  const caller = fc.oneof(
    { arbitrary: fc.constant<Caller>('admin'), weight: 12 },
    { arbitrary: fc.constantFrom<Caller>('auditor', 'reviewer', 'anonymous', 'forged'), weight: 4 },
  );
  const headers = fc.record(
    {
      'idempotency-key': fc.oneof(fc.uuid(), fc.string({ unit: 'binary-ascii', maxLength: 300 })),
      'x-request-id': fc.string({ unit: 'binary-ascii', maxLength: 300 }),
      accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'application/xml', 'x/y;;;'),
    },
    { requiredKeys: [] },
  );
  const fill = (values: string[]) =>
    pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, encodePathSegment(values[i])), template);

  const base = (kind: Kind, what: string, path: string, query: [string, string][]) => ({
    operation,
    kind,
    what,
    method: method.toUpperCase(),
    path,
    query,
  });

  const valid = fc
    .tuple(pathValues, validQuery, validBody ?? fc.constant(undefined), caller)
    .map(([p, q, body, who]): FuzzRequest => ({
      ...base(
        'valid',
        'valid',
        fill(p),
        q.filter((x): x is [string, string] => x !== undefined),
      ),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      caller: who,
    }));

  const invalidBodies: Arbitrary<{ body: string; what: string }>[] = [];
  if (validBody && json) {
    const required = schemas.resolve(json).required ?? [];
    invalidBodies.push(
      validBody.chain((v) =>
        isObject(v)
          ? invalidate(v, required).map((x) => ({ body: JSON.stringify(x.body), what: x.what }))
          : fc.constant({ body: JSON.stringify({ unexpected: v }), what: 'wrapped' }),
      ),
    );
  }
  const wrongQuery = fc.tuple(
    fc.constantFrom(...queryParams.map((p) => p.name), 'unknown'),
    fc.constantFrom('-1', '0', '1e9', 'abc', 'true', '[]', '', '00000000-0000-0000-0000-00000000000g'),
  );
  const invalidQuery = fc
    .tuple(pathValues, fc.array(wrongQuery, { minLength: 1, maxLength: 3 }), caller)
    .map(([p, q, who]): FuzzRequest => ({
      ...base('invalid', 'parameters of a wrong type or unknown', fill(p), q),
      headers: {},
      caller: who,
    }));
  const invalidBody = fc
    .tuple(
      pathValues,
      invalidBodies.length
        ? fc.oneof(...invalidBodies)
        : fc.constant({ body: '{"unexpected":true}', what: 'a body where none is expected' }),
      caller,
    )
    .map(([p, b, who]): FuzzRequest => ({
      ...base('invalid', b.what, fill(p), []),
      headers: { 'content-type': 'application/json' },
      body: b.body,
      caller: who,
    }));
  // fetch sends no body with a GET.
  const invalid = method === 'get' ? invalidQuery : fc.oneof(invalidQuery, invalidBody);

  const hostile = fc.oneof(
    fc.tuple(hostilePath, hostileQuery, caller).map(([p, q, who]): FuzzRequest => ({
      ...base('hostile', 'hostile path and query', fill(p), q),
      headers: {},
      caller: who,
    })),
    ...(validBody
      ? [
          fc
            .tuple(
              pathValues,
              validBody,
              hostileString.filter((s) => s.length < 1000),
              caller,
            )
            .map(([p, v, other, who]): FuzzRequest => ({
              ...base('hostile', 'a duplicated key', fill(p), []),
              headers: { 'content-type': 'application/json' },
              body: (isObject(v) && withDuplicatedKey(v, other)) || JSON.stringify(v),
              caller: who,
            })),
        ]
      : []),
    ...(method === 'get'
      ? []
      : [
          fc.tuple(pathValues, hostileBody, caller).map(([p, b, who]): FuzzRequest => ({
            ...base('hostile', b.what, fill(p), []),
            headers: { 'content-type': b.contentType },
            body: b.body,
            caller: who,
          })),
        ]),
    fc
      .tuple(pathValues, validQuery, validBody ?? fc.constant(undefined), headers, caller)
      .map(([p, q, body, h, who]): FuzzRequest => ({
        ...base(
          'hostile',
          'hostile headers',
          fill(p),
          q.filter((x): x is [string, string] => !!x),
        ),
        headers: { ...h, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        caller: who,
      })),
    ...(xml
      ? [
          fc
            .tuple(
              hostileString.filter((s) => s.length < 50_000),
              caller,
            )
            .map(([name, who]): FuzzRequest => ({
              ...base('hostile', 'XML with a hostile name', template, []),
              headers: { 'content-type': 'application/xml' },
              body: `<?xml version="1.0"?><policy><name>${name}</name></policy>`,
              caller: who,
            })),
        ]
      : []),
  );

  return fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: invalid, weight: 3 },
    { arbitrary: hostile, weight: 3 },
  );
}

/** Percent-encoded; a lone surrogate (no UTF-8 form) as the bytes a broken client would send. */
function encodePathSegment(value: string): string {
  return Array.from(value, (ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join(
    '',
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function knownFor(template: string, name: string, known: KnownValues): string {
  if (name === 'itemId') return known.itemIds[0] ?? '1';
  if (name === 'key') return known.identityKeys[0] ?? 'ceo';
  if (template.startsWith('/api/v1/policies')) return known.policyId;
  return known.campaignId;
}

/** Keys of the ledger and the items a generated body refers to, made real half the time. */
const KNOWN_FIELDS: Record<string, keyof KnownValues> = {
  itemId: 'itemIds',
  identityKey: 'identityKeys',
  reviewerKey: 'identityKeys',
  defaultReviewerKey: 'identityKeys',
  toReviewerKey: 'identityKeys',
  assigneeKey: 'identityKeys',
  applicationKey: 'applicationKeys',
  permissionKey: 'permissionKeys',
};

function withKnownValues(value: unknown, known: KnownValues, depth = 0): unknown {
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => withKnownValues(v, known, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const pool = KNOWN_FIELDS[k] ? known[KNOWN_FIELDS[k]] : undefined;
      if (pool?.length && typeof v === 'string' && v.length % 2 === 0) {
        return [k, pool[v.length % pool.length]];
      }
      return [k, withKnownValues(v, known, depth + 1)];
    }),
  );
}
