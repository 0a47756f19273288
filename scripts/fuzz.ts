import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { Client as PgClient } from 'pg';
import {
  clientCredentialsToken,
  CookieJar,
  devPersonToken,
  walkDevSignIn,
} from '../src/dev-oidc/scripted-sign-in';
import { inDays } from '../test/support/ledger-fixture';
import { policyBody, policyLedger } from '../test/support/policy-fixture';
import { CLI_CLIENT, TEST_CLIENTS } from '../test/support/test-issuer';
import { ChaosClient } from './chaos/api-client';
import { eventually, sleep } from './chaos/wait';
import { type Answer, Fingerprint, problemViolation } from './fuzz/checks';
import {
  hostileUploads,
  sendHostileUploads,
  UPLOAD_BOUNDS,
  type UploadOutcome,
} from './fuzz/hostile-uploads';
import { returnToFamily, returnToViolation } from './fuzz/return-to';
import {
  type Caller,
  type FuzzRequest,
  type KnownValues,
  type OpenApiDocument,
  requestPlans,
} from './fuzz/request-plan';
import { printTable } from './print-table';
import { type ProdStack, startProdStack } from './stack/prod-stack';

// Requests generated from the served OpenAPI document, valid, invalid and hostile, against the production
// topology (one API, one worker): no 5xx, every refusal problem+json without internals, and nothing
// written by a refused request. Then every returnTo of scripts/fuzz/return-to.ts through a whole sign-in:
// refused, or stored and followed back to a path of the site. Then hostile uploads (scripts/fuzz/hostile-uploads.ts).
//   node dist/scripts/fuzz.js [--requests 10000] [--short] [--seed n]
const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    requests: { type: 'string' },
    seed: { type: 'string' },
  },
});
const REQUESTS = Number(values.requests ?? (values.short ? 1500 : 10_000));
const SEED = Number(values.seed ?? Date.now() % 1_000_000);
/** A request unanswered this long is a hang, a violation. */
const ANSWER_BOUND_MS = 30_000;
/** Requests drawn at once from one operation's generator (hostile bodies are large: few at a time). */
const BATCH = 5;

const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

interface Violation {
  request: FuzzRequest;
  rule: string;
}

interface Tally {
  requests: number;
  byKind: Record<string, Record<string, number>>;
  connectionClosed: number;
  /** What the requests whose connection the server closed were. */
  closedFor: Record<string, number>;
  /** Invalid requests answered 2xx, by operation and what was wrong: a lax validation, or a harmless one. */
  acceptedInvalid: Record<string, number>;
  notSendable: number;
  operations: Set<string>;
}

async function send(base: string, req: FuzzRequest, token: string | undefined): Promise<Answer | 'closed'> {
  const query = req.query.length ? `?${new URLSearchParams(req.query).toString()}` : '';
  const res = await fetch(base + req.path + query, {
    method: req.method,
    headers: { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: req.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(ANSWER_BOUND_MS),
  }).catch((err: Error & { cause?: { code?: string } }) => {
    // undici's "fetch failed" with a socket error is the server closing or resetting the connection; an
    // invalid argument (a header byte HTTP forbids) is fetch refusing to send it, rethrown as not sendable.
    if (err.message === 'fetch failed' && err.cause?.code !== 'UND_ERR_INVALID_ARG') return 'closed' as const;
    throw err;
  });
  if (res === 'closed') return res;
  const text = await res.text().catch(() => '');
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

async function seed(client: ChaosClient, admin: string): Promise<KnownValues> {
  const call = <T>(method: string, p: string, body?: unknown) => client.must<T>(admin, method, p, body);
  const ledger = policyLedger();
  await call('POST', '/api/v1/ledger/imports', ledger);
  await call('POST', '/api/v1/policies', policyBody('fuzz-policy'));
  const campaign = await call<{ id: string }>('POST', '/api/v1/campaigns', {
    title: 'Fuzzed campaign',
    dueAt: inDays(30),
    reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' },
    options: { notifications: { reminders: null, closingSoon: null, escalateAfter: null } },
  });
  const items = await eventually(
    'the fuzzed campaign active',
    async () => {
      const c = await call<{ status: string }>('GET', `/api/v1/campaigns/${campaign.id}`);
      if (c.status !== 'active') return undefined;
      return call<{ items: { id: string }[] }>('GET', `/api/v1/campaigns/${campaign.id}/items?limit=50`);
    },
    60_000,
  );
  return {
    campaignId: campaign.id,
    policyId: 'fuzz-policy',
    itemIds: items.items.map((i) => i.id),
    identityKeys: ledger.identities.map((i) => i.key),
    applicationKeys: ledger.applications.map((a) => a.key),
    permissionKeys: ledger.permissions.map((p) => p.key),
  };
}

/**
 * Issue 28's hostile files, to an offline review of a campaign that allows it and to ledger imports,
 * while the API process's answers to /health and its memory are watched.
 */
async function hostileUploadsStep(
  client: ChaosClient,
  stack: ProdStack,
  admin: string,
  violations: Violation[],
): Promise<UploadOutcome[]> {
  const campaign = await client.must<{ id: string }>(admin, 'POST', '/api/v1/campaigns', {
    title: 'Offline review under hostile uploads',
    dueAt: inDays(30),
    reviewers: { strategy: ['default'], defaultReviewerKey: 'dflt' },
    options: {
      offlineReview: true,
      notifications: { reminders: null, closingSoon: null, escalateAfter: null },
    },
  });
  await eventually(
    'the offline campaign active',
    async () => {
      const c = await client.must<{ status: string }>(admin, 'GET', `/api/v1/campaigns/${campaign.id}`);
      return c.status === 'active' ? c : undefined;
    },
    60_000,
  );
  const reviewer = await devPersonToken(stack.issuer, CLI_CLIENT, { identity: 'dflt' });
  const outcomes = await sendHostileUploads(
    stack.url,
    stack.apis[0].pid!,
    { admin, reviewer },
    hostileUploads(campaign.id),
  );
  for (const o of outcomes.filter((o) => o.rule)) {
    violations.push({
      request: {
        operation: 'hostile upload',
        kind: 'hostile',
        what: o.what,
        method: 'POST',
        path: '',
        query: [],
        headers: {},
        caller: 'reviewer',
      },
      rule: o.rule!,
    });
  }
  return outcomes;
}

/** What the sign-in did with each returnTo of the family. */
interface ReturnToTally {
  sent: number;
  refused: number;
  /** Accepted, and the sign-in finished: the callback sent the browser somewhere. */
  followed: number;
  violations: number;
}

/**
 * Sends each `returnTo` of the family to `/auth/login` and, when it is accepted, finishes the sign-in as a
 * browser would: the target stored with the attempt and the callback's Location must both stay on the
 * site. A refusal must be problem+json like any other.
 */
async function returnToStep(site: string, db: PgClient, violations: Violation[]): Promise<ReturnToTally> {
  const tally: ReturnToTally = { sent: 0, refused: 0, followed: 0, violations: 0 };
  const before = violations.length;
  for (const returnTo of returnToFamily(site)) {
    const request: FuzzRequest = {
      operation: 'GET /auth/login',
      kind: 'hostile',
      what: `returnTo ${JSON.stringify(returnTo.slice(0, 60))}${returnTo.length > 60 ? '…' : ''}`,
      method: 'GET',
      path: '/auth/login',
      query: [['returnTo', returnTo]],
      headers: {},
      caller: 'anonymous',
    };
    tally.sent++;
    const rule = await followReturnTo(site, db, request, tally).catch(
      (err: unknown) => `no answer: ${(err as Error).message}`,
    );
    if (rule) violations.push({ request, rule });
  }
  tally.violations = violations.length - before;
  return tally;
}

/** One returnTo through the sign-in; the rule it broke, if any. */
async function followReturnTo(
  site: string,
  db: PgClient,
  request: FuzzRequest,
  tally: ReturnToTally,
): Promise<string | undefined> {
  const jar = new CookieJar();
  const login = await fetch(`${site}${request.path}?${new URLSearchParams(request.query).toString()}`, {
    redirect: 'manual',
    signal: AbortSignal.timeout(ANSWER_BOUND_MS),
  });
  jar.store(login);
  const text = await login.text();
  if (login.status !== 303) {
    tally.refused++;
    if (login.status < 400 || login.status >= 500) return `answered ${login.status}`;
    return problemViolation({
      status: login.status,
      contentType: login.headers.get('content-type') ?? '',
      text,
    });
  }
  const authorizationUrl = new URL(login.headers.get('location') ?? '');
  const stored = await db.query<{ return_to: string }>(
    'SELECT return_to FROM sign_in_attempt WHERE state = $1',
    [authorizationUrl.searchParams.get('state')],
  );
  const target = stored.rows[0]?.return_to;
  if (target === undefined) return 'accepted, yet no sign-in attempt stored';
  const storedRule = returnToViolation(target, site);
  if (storedRule) return `stored target ${storedRule}`;
  const callback = await walkDevSignIn(authorizationUrl, `${site}/auth/callback`, { identity: 'mgr' });
  const back = await fetch(`${site}${callback.pathname}${callback.search}`, {
    headers: { cookie: jar.header() },
    redirect: 'manual',
    signal: AbortSignal.timeout(ANSWER_BOUND_MS),
  });
  await back.text();
  const location = back.headers.get('location');
  if (back.status !== 303 || location === null) return `callback answered ${back.status} without a Location`;
  tally.followed++;
  const locationRule = returnToViolation(location, site);
  if (locationRule) return `callback's Location ${locationRule}`;
  return location === target
    ? undefined
    : `callback's Location ${JSON.stringify(location)} is not the stored target`;
}

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${what} ×${n}`)
    .join(', ');

/** Waits until nothing is being written (what an accepted request started has settled). */
async function settled(print: Fingerprint): Promise<Map<string, string>> {
  let last = await print.take();
  let still = 0;
  for (let n = 0; n < 60 && still < 2; n++) {
    await sleep(250);
    const now = await print.take();
    still = Fingerprint.changed(last, now).length === 0 ? still + 1 : 0;
    last = now;
  }
  return last;
}

async function main(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-fuzz-'));
  log(`fuzz: ${REQUESTS} requests, seed ${SEED}; stack in ${dir}`);
  const stack = await startProdStack({ dir, log, apis: 1, workers: 1 });
  const db = new PgClient({ connectionString: stack.databaseUrl });
  const violations: Violation[] = [];
  let failed = true;
  const tally: Tally = {
    requests: 0,
    byKind: {},
    connectionClosed: 0,
    closedFor: {},
    acceptedInvalid: {},
    notSendable: 0,
    operations: new Set(),
  };
  try {
    await db.connect();
    const admin = await clientCredentialsToken(stack.issuer, 'root', TEST_CLIENTS.root.secret);
    const tokens: Record<Caller, string | undefined> = {
      admin,
      auditor: await clientCredentialsToken(stack.issuer, 'aud', TEST_CLIENTS.aud.secret),
      reviewer: await devPersonToken(stack.issuer, CLI_CLIENT, { identity: 'mgr' }),
      anonymous: undefined,
      // Unsigned (alg none) and claiming to be the administrators' client.
      forged: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"root","azp":"root"}').toString('base64url')}.`,
    };
    const client = new ChaosClient(stack.url);
    const known = await seed(client, admin);
    const doc = await client.must<OpenApiDocument>(admin, 'GET', '/api/docs/openapi.json');
    const plans = requestPlans(doc, known);
    log(`${plans.length} operations in the served OpenAPI document`);
    const print = new Fingerprint(db);
    let quiet = await settled(print);
    /** The refused request just before, to which a write seen before the next one belongs. */
    let last: FuzzRequest | undefined;
    const started = Date.now();

    // Requests fetch refuses to send are drawn again, so that REQUESTS reach the server.
    for (let drawn = 0, sent = 0; sent < REQUESTS;) {
      const op = Math.floor(drawn / BATCH) % plans.length;
      const round = Math.floor(drawn / (BATCH * plans.length));
      const batch = fc.sample(plans[op].requests, { numRuns: BATCH, seed: SEED + op * 100_003 + round });
      for (const req of batch) {
        if (sent >= REQUESTS) break;
        drawn++;
        tally.requests++;
        tally.operations.add(req.operation);
        const before = await print.take();
        const late = last && Fingerprint.changed(quiet, before);
        if (last && late?.length) {
          violations.push({ request: last, rule: `refused, then wrote ${late.join(', ')} after its answer` });
        }
        last = undefined;
        let answer: Answer | 'closed';
        try {
          answer = await send(stack.url, req, tokens[req.caller]);
          sent++;
        } catch (err) {
          if ((err as Error).name === 'TimeoutError') {
            sent++;
            violations.push({ request: req, rule: `no answer within ${ANSWER_BOUND_MS / 1000} s` });
          } else {
            tally.notSendable++;
          }
          quiet = await settled(print);
          continue;
        }
        const outcome = answer === 'closed' ? 'closed' : `${Math.floor(answer.status / 100)}xx`;
        const kinds = (tally.byKind[req.kind] ??= {});
        kinds[outcome] = (kinds[outcome] ?? 0) + 1;
        if (answer === 'closed') {
          tally.connectionClosed++;
          tally.closedFor[req.what] = (tally.closedFor[req.what] ?? 0) + 1;
        } else if (answer.status >= 500) {
          violations.push({ request: req, rule: `${answer.status}: ${answer.text.slice(0, 200)}` });
        } else {
          const rule = problemViolation(answer);
          if (rule) violations.push({ request: req, rule });
        }
        const accepted = answer !== 'closed' && answer.status < 400;
        if (answer !== 'closed' && answer.status < 300 && req.kind === 'invalid') {
          const key = `${req.operation} (${req.what})`;
          tally.acceptedInvalid[key] = (tally.acceptedInvalid[key] ?? 0) + 1;
        }
        if (accepted) {
          // What an accepted change started (a workflow) may go on writing for a moment.
          quiet = req.method === 'GET' ? await print.take() : await settled(print);
          continue;
        }
        quiet = await print.take();
        const written = Fingerprint.changed(before, quiet);
        if (written.length)
          violations.push({ request: req, rule: `refused, yet wrote ${written.join(', ')}` });
        last = req;
      }
      if (drawn % 500 < BATCH) log(`${sent} requests sent, ${violations.length} violations`);
    }
    const seconds = (Date.now() - started) / 1000;

    const returnTo = await returnToStep(stack.url, db, violations);
    const uploads = await hostileUploadsStep(client, stack, admin, violations);

    const verify = await client.must<{ valid: boolean }>(admin, 'GET', '/api/v1/audit/verify');
    if (!verify.valid) {
      violations.push({
        request: { operation: 'GET /api/v1/audit/verify' } as FuzzRequest,
        rule: `audit chain broken: ${JSON.stringify(verify)}`,
      });
    }
    const crashes = stack.apis.reduce((n, api) => n + api.restarts, 0);
    if (crashes) {
      violations.push({
        request: { operation: 'the API process' } as FuzzRequest,
        rule: `restarted ${crashes} times`,
      });
    }
    const health = await fetch(`${stack.url}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (health !== 200) {
      violations.push({ request: { operation: 'GET /health' } as FuzzRequest, rule: `health ${health}` });
    }

    const outcomes = ['2xx', '3xx', '4xx', '5xx', 'closed'];
    printTable(
      'Requests',
      Object.entries(tally.byKind).map(([kind, counts]) => ({
        kind,
        ...Object.fromEntries(outcomes.map((o) => [o, String(counts[o] ?? 0)])),
      })),
    );
    const count = (match: (v: Violation) => boolean) => String(violations.filter(match).length);
    printTable('Checks', [
      {
        check: 'operations of the document exercised',
        result: `${tally.operations.size} of ${plans.length}`,
      },
      {
        check: 'requests sent',
        result: `${tally.requests - tally.notSendable} in ${seconds.toFixed(0)} s (seed ${SEED})`,
      },
      { check: 'answers 5xx', result: count((v) => /^5\d\d:/.test(v.rule)) },
      { check: 'no answer within 30 s', result: count((v) => v.rule.startsWith('no answer')) },
      {
        check: 'refusals not problem+json, or showing internals',
        result: count((v) => /not problem\+json|problem lacks|not JSON|^shows /.test(v.rule)),
      },
      { check: 'refused requests that wrote', result: count((v) => /wrote|written/.test(v.rule)) },
      {
        check: 'returnTo family: sent, refused, followed back (none may leave the site)',
        result: `${returnTo.sent}, ${returnTo.refused}, ${returnTo.followed}: ${returnTo.violations} violations`,
      },
      {
        check: `hostile uploads refused within ${UPLOAD_BOUNDS.answerMs / 1000} s, /health within ${UPLOAD_BOUNDS.healthMs / 1000} s, API < +${UPLOAD_BOUNDS.rssMb} MB`,
        result: uploads
          .map((u) => `${u.what}: ${u.status} in ${u.ms} ms, health ${u.healthMs} ms, +${u.rssRiseMb} MB`)
          .join('; '),
      },
      { check: 'audit chain after the run', result: verify.valid ? 'valid' : 'BROKEN' },
      { check: 'API process crashes (restarts)', result: String(crashes) },
      {
        check: 'connections closed by the server, the body refused unread',
        result: `${tally.connectionClosed}: ${describe(tally.closedFor)}`,
      },
      {
        check: '"invalid" requests answered 2xx (unknown parameters ignored, or valid after all)',
        result: describe(tally.acceptedInvalid) || '0',
      },
    ]);
    for (const v of violations.slice(0, 30)) {
      const r = v.request;
      console.log(
        `VIOLATION ${r.operation} [${r.kind}: ${r.what}, as ${r.caller}] ${r.method} ${r.path}` +
          `${r.query?.length ? ` query ${JSON.stringify(r.query).slice(0, 120)}` : ''}: ${v.rule}`,
      );
    }
    failed = violations.length > 0 || tally.operations.size < plans.length;
    console.log(
      failed ? `\nfuzz: ${violations.length} violations (stack kept in ${dir})` : '\nfuzz: every check held',
    );
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    if (!failed) fs.rmSync(dir, { recursive: true, force: true });
  }
  return failed;
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
