import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeJwt } from 'jose';
import { loadConfig } from '../src/config/config.schema';
import { EMBEDDED } from '../src/config/oidc.config';
import { embeddedTokens } from '../src/dev-oidc/dev-tokens';
import { CookieJar, devPersonToken, walkDevSignIn } from '../src/dev-oidc/scripted-sign-in';
import { testPort } from './support/test-port';
import { smallLedger } from './support/ledger-fixture';
import { cleanUp, StartProcess, startEnv } from './support/start-process';

/** A line pino-pretty wrote ("[21:15:43.751] INFO: …"); everything else a start prints is console output. */
const LOG_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] ([A-Z]+): /;

/** What a start printed besides its log lines: the banner, and whatever a library wrote on its own. */
function notLogged(output: string): string[] {
  return output.split('\n').filter((line) => line.trim() !== '' && !LOG_LINE.test(line));
}

/** Log lines at warn level or above. */
function warnings(output: string): string[] {
  return output.split('\n').filter((line) => /^(WARN|ERROR|FATAL)$/.test(LOG_LINE.exec(line)?.[1] ?? ''));
}

describe('npm start on a fresh data folder', () => {
  const starts: StartProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let port: number;
  afterAll(() => cleanUp(starts, env?.DATA_DIR));

  const start = async () => {
    const recert = new StartProcess(env);
    starts.push(recert);
    await recert.waitFor('  Stop:');
    return recert;
  };

  beforeAll(async () => {
    ({ env, port } = await startEnv());
  });

  it('says where to go first, without Nest start-up chatter or any warning', async () => {
    const recert = await start();
    const [first, ...rest] = notLogged(recert.output);
    expect(first).toBe(`Open http://localhost:${port}`);
    expect(rest.slice(0, 2)).toEqual([
      `  API docs:     http://localhost:${port}/api/docs`,
      `  Temporal UI:  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`,
    ]);
    // Nothing else printed on its own: every other line is the banner's (a library's warning would not be).
    expect(rest.filter((line) => !line.startsWith('  '))).toEqual([]);
    expect(recert.output).not.toMatch(/Mapped \{|dependencies initialized|Starting Nest application/);
    expect(warnings(recert.output)).toEqual([]);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
  }, 120_000);

  it('keeps a development sign-in, and the roles picked, across a restart', async () => {
    const config = loadConfig(env);
    const admin = await embeddedTokens(config).automation();
    const imported = await fetch(`http://127.0.0.1:${port}/api/v1/ledger/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(smallLedger()),
    });
    expect(imported.status).toBe(200);

    const signIn = async (identity: string, jar: CookieJar) =>
      decodeJwt(
        await devPersonToken(config.oidc.issuer, EMBEDDED.cliClientId, { identity, roles: ['admin'] }, jar),
      );

    const jar = new CookieJar();
    expect(await signIn('mgr', jar)).toMatchObject({ sub: 'mgr', groups: [EMBEDDED.adminGroup] });

    await starts[0].stop();
    const restarted = await start();
    // Signed in already: the provider does not show its page (it would refuse this key), and the roles
    // picked before the restart are in the new token.
    expect(await signIn('not-a-key-of-the-ledger', jar)).toMatchObject({
      sub: 'mgr',
      groups: [EMBEDDED.adminGroup],
    });
    // The web app's sign-in goes through the same provider session, with the same roles.
    const base = `http://localhost:${port}`;
    const callback = await walkDevSignIn(
      new URL(`${base}/auth/login`),
      `${base}/auth/callback`,
      { identity: 'not-a-key-of-the-ledger' },
      jar,
    );
    const landed = await fetch(callback, { headers: { cookie: jar.header() }, redirect: 'manual' });
    expect(landed.status).toBeGreaterThanOrEqual(300);
    jar.store(landed);
    const me = await fetch(`${base}/api/v1/me`, { headers: { cookie: jar.header() } });
    expect(await me.json()).toMatchObject({
      kind: 'person',
      subject: 'mgr',
      session: expect.objectContaining({}),
      roles: expect.arrayContaining(['admin']),
    });

    // Signing in made nobody print anything either (the provider's library warns on its console).
    for (const recert of starts) {
      expect(warnings(recert.output)).toEqual([]);
      expect(notLogged(recert.output).filter((line) => !/^(Open | {2})/.test(line))).toEqual([]);
    }
    expect(restarted.output).toContain('Recert is running.');
  }, 180_000);
});

describe('npm start that cannot start', () => {
  const starts: StartProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    await cleanUp(starts, undefined);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a start that must fail; its output, after the process ended with code 1. */
  const failingStart = async (extra: NodeJS.ProcessEnv = {}) => {
    const { env } = await startEnv(extra);
    dirs.push(env.DATA_DIR!);
    const recert = new StartProcess({ ...env, ...extra });
    starts.push(recert);
    const exit = await recert.exitWithin(60_000);
    expect(exit.code).toBe(1);
    return { output: recert.output, ms: exit.ms, env: { ...env, ...extra } };
  };

  const holding = async <T>(port: number, work: () => Promise<T>): Promise<T> => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, resolve));
    try {
      return await work();
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  };

  it('names the port in use and the setting to change, before starting anything', async () => {
    const port = await testPort();
    const failed = await holding(port, () => failingStart({ PORT: String(port) }));
    expect(failed.output).toBe(
      `Recert could not start: Port ${port} (PORT, Recert's web app and API) is in use, by another Recert ` +
        `or another program: stop that, or set PORT to a free port.\n`,
    );
    expect(failed.ms).toBeLessThan(10_000);
  }, 60_000);

  it("names the embedded PostgreSQL's port when that one is taken", async () => {
    const port = await testPort();
    const failed = await holding(port, () => failingStart({ EMBEDDED_PG_PORT: String(port) }));
    const last = failed.output.trimEnd().split('\n').pop();
    expect(last).toBe(
      `Recert could not start: Port ${port} (EMBEDDED_PG_PORT, the embedded PostgreSQL) is in use, by ` +
        `another Recert or another program: stop that, or set EMBEDDED_PG_PORT to a free port.`,
    );
  }, 90_000);

  it('says DATA_DIR cannot be used, and what to set instead', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'recert-file-')), 'data');
    dirs.push(path.dirname(file));
    fs.writeFileSync(file, 'not a folder');
    const failed = await failingStart({ DATA_DIR: file });
    expect(failed.output).toBe(
      `Recert could not start: DATA_DIR ${file} is a file, not a folder: set DATA_DIR to a folder this ` +
        'user can write (it is created if missing).\n',
    );

    if (process.getuid?.() === 0) return; // root writes anywhere; the mode is checked for other users only
    const locked = path.join(path.dirname(file), 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    const refused = await failingStart({ DATA_DIR: locked });
    expect(refused.output).toContain(`DATA_DIR ${locked} is not writable by this user`);
  }, 60_000);

  it('says which external service does not answer and how to go on without it', async () => {
    const failed = await failingStart({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await testPort()}/none`,
    });
    expect(failed.output.trimEnd().split('\n').pop()).toMatch(
      /^Recert could not start: Cannot reach PostgreSQL at DATABASE_URL \(.*ECONNREFUSED.*\): start it or correct DATABASE_URL; without DATABASE_URL, Recert starts its own\.$/,
    );
  }, 90_000);
});
