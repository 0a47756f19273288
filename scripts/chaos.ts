import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { clientCredentialsToken, devPersonToken } from '../src/dev-oidc/scripted-sign-in';
import { syntheticLedger } from '../test/support/synthetic-ledger';
import { CLI_CLIENT, TEST_CLIENTS } from '../test/support/test-issuer';
import { ChaosClient } from './chaos/api-client';
import { printTable } from './print-table';
import { eventually, sleep } from './chaos/wait';
import { runFaults, spread, type FaultPlan, type InjectedFault } from './chaos/faults';
import {
  campaignChecks,
  type Check,
  decisionChecks,
  type DecisionCall,
  mailCheck,
  mailLogCheck,
  ticketChecks,
} from './chaos/invariants';
import { ITSM_CODE, NAMESPACE, startProdStack, type ProdStack } from './stack/prod-stack';

// npm run chaos [-- --short] [--items 20000 --reviewers 200 --worker-kills 20 --minutes 6]
const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    items: { type: 'string' },
    reviewers: { type: 'string' },
    'worker-kills': { type: 'string' },
    minutes: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const SHORT = values.short;
const ITEMS = Number(values.items ?? (SHORT ? 2_000 : 20_000));
const REVIEWERS = Number(values.reviewers ?? (SHORT ? 20 : 200));
const WINDOW_MS = Number(values.minutes ?? (SHORT ? 1.5 : 6)) * 60_000;
const WORKER_KILLS = Number(values['worker-kills'] ?? (SHORT ? 3 : 20));
const SMTP_DOWN_MS = SHORT ? 10_000 : 60_000;
const BATCH = 25;
const CONCURRENCY = 8;
/** Everything must have settled this long after the last fault. */
const SETTLE_BOUND_MS = 10 * 60_000;

const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

function faultPlan(): FaultPlan[] {
  const few = SHORT ? 1 : 3;
  return [
    ...spread('worker SIGKILL', WORKER_KILLS, WINDOW_MS),
    ...spread('API SIGKILL', few, WINDOW_MS, 5_000),
    ...spread('Temporal server restart', SHORT ? 1 : 2, WINDOW_MS, 10_000),
    ...spread('Recert PostgreSQL restart', SHORT ? 1 : 2, WINDOW_MS, 15_000),
    ...spread('SMTP sink down', SHORT ? 1 : 2, WINDOW_MS, 2_000),
  ];
}

/** Every reviewer's items, in calls of BATCH decisions: mostly approvals, one in ten revoked. */
async function plannedCalls(
  client: ChaosClient,
  campaignId: string,
  tokenOf: (reviewer: string) => () => Promise<string>,
): Promise<DecisionCall[]> {
  const calls: DecisionCall[] = [];
  for (let r = 0; r < REVIEWERS; r++) {
    const reviewer = `mgr-${r}`;
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await client.must(
        tokenOf(reviewer),
        'GET',
        `/api/v1/reviews?campaignId=${campaignId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    for (let i = 0; i < ids.length; i += BATCH) {
      calls.push({
        reviewer,
        decisions: ids.slice(i, i + BATCH).map((itemId) => ({
          itemId,
          decision: Number(itemId) % 10 === 0 ? 'revoke' : 'approve',
        })),
        outcome: 'lost',
      });
    }
  }
  // Reviewers interleaved, as real ones work at the same time.
  return calls.sort((a, b) => a.decisions[0].itemId.localeCompare(b.decisions[0].itemId));
}

/** Sends the calls spread over the window (CONCURRENCY in flight), each retried as a real client does. */
async function decide(
  client: ChaosClient,
  campaignId: string,
  calls: DecisionCall[],
  tokenOf: (reviewer: string) => () => Promise<string>,
): Promise<void> {
  const start = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls.length) {
        const n = next++;
        const due = start + (n * WINDOW_MS) / calls.length - Date.now();
        if (due > 0) await sleep(due);
        const call = calls[n];
        const r = await client.call(
          tokenOf(call.reviewer),
          'POST',
          `/api/v1/campaigns/${campaignId}/decisions`,
          {
            decisions: call.decisions,
          },
        );
        call.outcome = r.outcome === 'acknowledged' && r.status! < 300 ? 'acknowledged' : 'lost';
        if (r.outcome === 'acknowledged' && r.status! >= 300)
          log(`decision call refused: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }),
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-chaos-'));
  log(
    `chaos: ${ITEMS} items, ${REVIEWERS} reviewers, ${WORKER_KILLS} worker kills over ${WINDOW_MS / 60_000} min; stack in ${dir}`,
  );
  const stack: ProdStack = await startProdStack({
    dir,
    log,
    env: {
      RECERT_MIN_REMINDER_INTERVAL: 'PT10S',
      RECERT_ITSM_POLL_FIRST: 'PT5S',
      RECERT_ITSM_POLL_MAX: 'PT10S',
      RECERT_ITSM_TIMEOUT_MS: '3000',
      RECERT_MAIL_DAILY_CAP: '1000',
    },
  });
  const client = new ChaosClient(stack.url);
  const db = new PgClient({ connectionString: stack.databaseUrl });
  let agent: NodeJS.Timeout | undefined;
  let failed = true;
  try {
    const admin = await clientCredentialsToken(stack.issuer, 'root', TEST_CLIENTS.root.secret);
    const tokens = new Map<string, Promise<string>>();
    const tokenOf = (reviewer: string) => () => {
      if (!tokens.has(reviewer))
        tokens.set(reviewer, devPersonToken(stack.issuer, CLI_CLIENT, { identity: reviewer }));
      return tokens.get(reviewer)!;
    };
    const ledger = syntheticLedger(ITEMS, REVIEWERS);
    // Reviewers with an address, so that every notice and reminder reaches the sink to be counted.
    ledger.identities = ledger.identities.map((i) => ({ ...i, email: `${i.key}@example.test` }));
    await client.must(admin, 'POST', '/api/v1/ledger/imports', ledger);
    const launched = await client.must<{ id: string; workflowId: string }>(
      admin,
      'POST',
      '/api/v1/campaigns',
      {
        title: `Chaos ${ITEMS} items`,
        dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'default-reviewer' },
        options: {
          notifications: {
            reminders: { first: 'PT20S', every: 'PT30S' },
            closingSoon: null,
            escalateAfter: null,
          },
          remediation: { connector: 'itsm', itsmInstance: ITSM_CODE },
        },
      },
    );
    await eventually(
      'campaign active',
      async () => {
        const c = await client.must<{ status: string }>(admin, 'GET', `/api/v1/campaigns/${launched.id}`);
        return c.status === 'active' ? c : undefined;
      },
      SETTLE_BOUND_MS,
      1_000,
    );
    log(`campaign ${launched.id} active`);
    const calls = await plannedCalls(client, launched.id, tokenOf);
    log(`${calls.length} decision calls planned`);

    const faults: InjectedFault[] = [];
    await Promise.all([
      decide(client, launched.id, calls, tokenOf),
      runFaults(stack, faultPlan(), { smtpDownMs: SMTP_DOWN_MS, log }).then((f) => faults.push(...f)),
    ]);
    log(`decisions sent (${client.requests} requests, ${client.retries} retries); finalizing`);

    // A service-desk agent closes each incident a few seconds after it is opened.
    agent = setInterval(() => {
      for (const i of stack.itsm.incidents) if (i.state === '1') i.state = '7';
    }, 3_000);
    // With every item decided the campaign closes on its own; a finalize then answers 409 (closed).
    const finalized = await client.call<{ status: string }>(
      admin,
      'POST',
      `/api/v1/campaigns/${launched.id}/finalize`,
    );
    if (finalized.outcome === 'lost' || (finalized.status! >= 300 && finalized.status !== 409)) {
      throw new Error(
        `finalize: ${finalized.outcome} ${finalized.status ?? ''} ${JSON.stringify(finalized.body)}`,
      );
    }
    faults.push(
      ...(await runFaults(
        stack,
        [
          { kind: 'ITSM 500s then hanging', at: 1_000 },
          ...spread('worker SIGKILL', SHORT ? 1 : 3, 30_000, 3_000),
        ],
        { smtpDownMs: SMTP_DOWN_MS, log },
      )),
    );
    const campaign = await eventually(
      'campaign closed',
      async () => {
        const c = await client.must<{ status: string; counts: Record<string, number> }>(
          admin,
          'GET',
          `/api/v1/campaigns/${launched.id}`,
        );
        return c.status === 'closed' ? c : undefined;
      },
      SETTLE_BOUND_MS,
      1_000,
    );
    await db.connect();
    await eventually(
      'every remediation closed',
      async () => {
        const open = await db.query(
          `SELECT 1 FROM remediation WHERE campaign_id = $1 AND closed_status <= 0 LIMIT 1`,
          [launched.id],
        );
        const any = await db.query(`SELECT 1 FROM remediation WHERE campaign_id = $1 LIMIT 1`, [launched.id]);
        return open.rowCount === 0 && any.rowCount === 1 ? true : undefined;
      },
      SETTLE_BOUND_MS,
      1_000,
    );
    const connection = await Connection.connect({ address: stack.temporalAddress });
    const temporal = new Client({ connection, namespace: NAMESPACE });
    const runningWorkflows = async () => {
      const open: string[] = [];
      for await (const w of temporal.workflow.list({ query: `ExecutionStatus = 'Running'` }))
        open.push(w.workflowId);
      return open;
    };
    // Within the bound none is left; past it, the table names those still running.
    const running = await eventually(
      'no workflow left running',
      async () => ((await runningWorkflows()).length === 0 ? [] : undefined),
      120_000,
      1_000,
    ).catch(runningWorkflows);
    await connection.close();
    const verdict = await client.must<{ valid: boolean; checked?: number }>(
      admin,
      'GET',
      '/api/v1/audit/verify',
    );

    const checks: Check[] = [
      ...(await decisionChecks(db, launched.id, calls)),
      mailCheck(stack.smtp.received),
      await mailLogCheck(db, launched.id),
      ...(await ticketChecks(db, launched.id, stack.itsm.incidents)),
      ...(await campaignChecks(db, campaign, launched.id)),
      {
        check: 'workflows left running',
        expected: '0',
        actual: running.length ? `${running.length}: ${running.slice(0, 3).join(', ')}` : '0',
        ok: running.length === 0,
      },
      {
        check: 'GET /api/v1/audit/verify',
        expected: 'valid',
        actual: JSON.stringify(verdict),
        ok: verdict.valid,
      },
    ];
    const acked = calls.filter((c) => c.outcome === 'acknowledged');
    printTable(
      'Faults injected',
      [...new Set(faults.map((f) => f.kind))].map((kind) => {
        const times = faults
          .filter((f) => f.kind === kind)
          .map((f) => f.recoveryMs)
          .sort((x, y) => x - y);
        return {
          fault: kind,
          injected: String(times.length),
          'recovery median (ms)': String(times[Math.floor(times.length / 2)]),
          'recovery max (ms)': String(times.at(-1)),
        };
      }),
    );
    printTable('Decisions', [
      {
        calls: String(calls.length),
        acknowledged: `${acked.length} calls, ${acked.reduce((n, c) => n + c.decisions.length, 0)} decisions`,
        lost: String(calls.length - acked.length),
        requests: String(client.requests),
        retries: String(client.retries),
        'worker restarts': String(stack.workers.reduce((n, w) => n + w.restarts, 0)),
        'API restarts': String(stack.apis.reduce((n, a) => n + a.restarts, 0)),
      },
    ]);
    printTable(
      'Invariants',
      checks.map((c) => ({
        check: c.check,
        expected: c.expected,
        actual: c.actual,
        result: c.ok ? 'ok' : 'VIOLATED',
      })),
    );
    failed = checks.some((c) => !c.ok);
    console.log(failed ? '\nchaos: invariants violated' : '\nchaos: every invariant held');
  } finally {
    if (agent) clearInterval(agent);
    await db.end().catch(() => undefined);
    await stack.stop();
    if (!values.keep && !failed) fs.rmSync(dir, { recursive: true, force: true });
    else log(`stack data and logs kept in ${dir}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
