import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import type { Role } from '../src/auth/roles';
import { TestRecert } from './support/harness';
import { reviewLedger } from './support/review-fixture';

const CALLERS = ['Anonymous', 'Reviewer', 'Auditor', 'Administrator', 'Provisioner'] as const;
type Caller = (typeof CALLERS)[number];
/** `dev`: anyone, only on the embedded development provider while the ledger is empty (the demo's load). */
type Cell = 'yes' | 'own' | 'no' | 'dev';
interface Route {
  method: string;
  path: string;
  cells: Record<Caller, Cell>;
}

/** The table of docs/AUTHORIZATION.md, as data: the document is the matrix this test walks. */
function readMatrix(): Route[] {
  const text = fs.readFileSync(path.join(__dirname, '..', 'docs', 'AUTHORIZATION.md'), 'utf8');
  const header = text.split('\n').find((l) => /^\|\s*Route\s*\|/.test(l))!;
  expect(
    header
      .split('|')
      .slice(2, -1)
      .map((c) => c.trim()),
  ).toEqual(CALLERS);
  return [...text.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\S+)`\s*\|(.+)\|$/gm)].map(
    ([, method, p, rest]) => {
      const cells = rest.split('|').map((c) => c.trim());
      for (const cell of cells) expect(['yes', 'own', 'no', 'dev']).toContain(cell);
      return {
        method,
        path: p,
        cells: Object.fromEntries(CALLERS.map((c, i) => [c, cells[i] as Cell])) as Record<Caller, Cell>,
      };
    },
  );
}

/** An id of the right shape that names nothing. */
function unknownIds(route: string): string {
  return route
    .replace(/^\/api\/v1\/policies\/\{id\}/, '/api/v1/policies/no-such-policy')
    .replace(/^\/api\/v1\/(campaigns|sessions)\/\{id\}/, '/api/v1/$1/00000000-0000-4000-8000-000000000000')
    .replace(/\{\w+\}/g, '987654321');
}

describe('the authorization matrix (docs/AUTHORIZATION.md)', () => {
  let recert: TestRecert;
  const matrix = readMatrix();
  // Persons are ledger identities (so reviewers); auditors and administrators by their groups.
  const callers: Record<Exclude<Caller, 'Anonymous'>, [string, ...Role[]]> = {
    Reviewer: ['mgr', 'reviewer'],
    Auditor: ['dave', 'auditor'],
    Administrator: ['ceo', 'admin'],
    Provisioner: ['provisioning-job'],
  };

  beforeAll(async () => {
    recert = await TestRecert.start({ worker: false });
    await recert.as('root', 'admin').post('/api/v1/ledger/imports', reviewLedger()).expect(200);
  });
  afterAll(() => recert.close());

  it('lists every route of the API that writes, and no other', async () => {
    const doc = (await recert.as('root', 'admin').get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/'))
      .flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${p}`),
      );
    expect(matrix.map((r) => `${r.method} ${r.path}`).sort()).toEqual(writes.sort());
  });

  it.each(matrix.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: each caller as the table says',
    async (_, route) => {
      const url = unknownIds(route.path);
      const seen: Record<string, number> = {};
      for (const caller of CALLERS) {
        let req = request(recert.app.getHttpServer())[route.method.toLowerCase() as 'post'](url);
        if (caller !== 'Anonymous') {
          const [sub, ...roles] = callers[caller];
          req = req.set('authorization', `Bearer ${await recert.token(sub, ...roles)}`);
        }
        const dev = route.cells[caller] === 'dev';
        const res = await (route.method === 'DELETE' || dev ? req : req.send({}));
        seen[caller] = res.status;
      }
      const expected = Object.fromEntries(
        CALLERS.map((caller) => {
          const cell = route.cells[caller];
          if (cell === 'no') return [caller, caller === 'Anonymous' ? 401 : 403];
          // This API has an OIDC_ISSUER: what only the embedded provider offers is not there, for anyone.
          if (cell === 'dev') return [caller, 404];
          // Past authorization: whatever the unknown id or empty body earns, never 401, 403 or a 5xx.
          const status = seen[caller];
          return [caller, status === 401 || status === 403 || status >= 500 ? 'allowed' : status];
        }),
      );
      expect(seen).toEqual(expected);
    },
  );
});
