import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../src/config/config.schema';
import { CookieJar } from '../src/dev-oidc/scripted-sign-in';
import { testPort } from './support/test-port';
import { cleanUp, StartProcess, startEnv } from './support/start-process';
import { printTiming } from './support/timing';

/** `npm run token`'s script as `npm run build` leaves it, run as a person runs it. */
const SCRIPT = path.join(__dirname, '..', 'dist', 'scripts', 'token.js');

describe('npm run token', () => {
  // No Recert has ever run here: the embedded provider's keys are not on disk.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-token-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // A port nothing listens on (3000 may be a Recert of someone else's).
  let port: number;
  beforeAll(async () => (port = await testPort()));

  const token = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(port),
      NO_COLOR: '1',
    };
    const run = spawnSync(process.execPath, [SCRIPT, ...args], { env, encoding: 'utf8', timeout: 30_000 });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };

  it('prints its usage for --help and -h, and exits 0', () => {
    for (const help of ['--help', '-h']) {
      const run = token(help);
      expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
      expect(run.out).toMatch(/^usage: npm run token -- --sub <identityKey>/);
      expect(run.out).toContain('--client recert-automation');
    }
  });

  it('runs the built script through npm, without building the project again', () => {
    // Built once (by `npm run build`, as every test here assumes): npm must not build it again.
    expect(fs.existsSync(SCRIPT)).toBe(true);
    const built = path.join(__dirname, '..', 'dist', 'src', 'main.js');
    const before = fs.statSync(built).mtimeMs;
    const started = Date.now();
    const run = spawnSync('npm', ['run', '-s', 'token', '--', '--help'], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, DATA_DIR: dataDir, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ code: run.status, err: run.stderr }).toEqual({ code: 0, err: '' });
    expect(run.stdout).toMatch(/^usage: npm run token -- --sub <identityKey>/);
    printTiming('npm run token -- --help, built already', Date.now() - started);
    expect(fs.statSync(built).mtimeMs).toBe(before);
  });

  it.each([
    [['--bogus'], /^npm run token: Unknown option '--bogus'/],
    [['--sub'], /^npm run token: Option '--sub <value>' argument missing/],
    [['mgr'], /^npm run token: Unexpected argument 'mgr'/],
    [[], /^npm run token: give either --sub or --client\.$/],
    [['--sub', 'mgr', '--client', 'recert-automation'], /^npm run token: give either --sub or --client\.$/],
    [['--client', 'someone'], /^npm run token: the only client is recert-automation, not "someone"\.$/],
    [
      ['--sub', 'mgr', '--role', 'boss'],
      /^npm run token: --role is one of admin, auditor, reviewer, not "boss"\.$/,
    ],
  ])('refuses %j in one line, then the usage, with exit code 2', (args, problem) => {
    const run = token(...args);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    const [first, ...rest] = run.err.trimEnd().split('\n');
    expect(first).toMatch(problem);
    expect(rest[0]).toMatch(/^usage: npm run token/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('says in one line what to start, without a stack trace, when no Recert runs here', () => {
    const person = token('--sub', 'mgr');
    expect(person.code).toBe(1);
    expect(person.err).toMatch(
      new RegExp(
        `^No token: nothing answers at http://localhost:${port}/dev-oidc \\(ECONNREFUSED\\): ` +
          'start Recert with `npm start` \\(same PORT\\), then ask again\\.\\n$',
      ),
    );
    const machine = token('--client', 'recert-automation');
    expect(machine.code).toBe(1);
    expect(machine.err).toBe(
      `No token: no Recert has run with DATA_DIR=${dataDir} (no ${path.join(dataDir, 'dev-oidc.json')}): ` +
        'start it with `npm start` (same DATA_DIR), then ask again.\n',
    );
  });
});

describe('npm run token against a running Recert', () => {
  const starts: StartProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let port: number;
  const others: string[] = [];
  afterAll(async () => {
    await cleanUp(starts, env?.DATA_DIR);
    for (const dir of others) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    ({ env, port } = await startEnv());
    const recert = new StartProcess(env);
    starts.push(recert);
    await recert.waitFor('  Stop:');
  }, 120_000);

  const token = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const run = spawnSync(process.execPath, [SCRIPT, ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: env.DATA_DIR, PORT: env.PORT, NO_COLOR: '1', ...extra },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };

  const NOT_AN_IDENTITY =
    "AUDIT-1 is not an active identity of the ledger: load the demo organisation or import a ledger (README, 'Your own ledger')";

  it('says that a person is not an active identity, and how to get one', () => {
    const run = token(['--sub', 'AUDIT-1', '--role', 'admin']);
    expect({ code: run.code, out: run.out }).toEqual({ code: 1, out: '' });
    expect(run.err).toBe(`No token: ${NOT_AN_IDENTITY}\n`);
  });

  it('shows the same words on the sign-in page', async () => {
    // The page a browser is sent to, then the form posted for a key the ledger does not hold.
    const jar = new CookieJar();
    const issuer = loadConfig(env).oidc.issuer;
    const authorize = new URL(`${issuer}/auth`);
    for (const [k, v] of Object.entries({
      client_id: 'recert-cli',
      redirect_uri: 'http://127.0.0.1/callback',
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(k, v);
    let res = await fetch(authorize, { redirect: 'manual' });
    jar.store(res);
    const interaction = new URL(res.headers.get('location')!, authorize);
    res = await fetch(interaction, { headers: { cookie: jar.header() } });
    expect(res.status).toBe(200);
    res = await fetch(interaction, {
      method: 'POST',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identity=AUDIT-1&role=admin',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(NOT_AN_IDENTITY.replace(/'/g, '&#39;'));
  });

  it("gives the automation client's token, and says so when the running Recert has other secrets", () => {
    const good = token(['--client', 'recert-automation']);
    expect(good.code).toBe(0);
    expect(good.out.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // Another data folder's keys against this Recert: the secret does not match.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-token-other-'));
    others.push(other);
    const secrets = JSON.parse(fs.readFileSync(path.join(env.DATA_DIR!, 'dev-oidc.json'), 'utf8')) as {
      clientSecrets: Record<string, string>;
    };
    secrets.clientSecrets['recert-automation'] = 'not-the-secret';
    fs.writeFileSync(path.join(other, 'dev-oidc.json'), JSON.stringify(secrets));
    const wrong = token(['--client', 'recert-automation'], { DATA_DIR: other });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe(
      `No token: the Recert at http://localhost:${port}/dev-oidc does not know the client secret in ` +
        `${path.join(other, 'dev-oidc.json')}: run npm run token with the DATA_DIR of that Recert.\n`,
    );
  });

  it('says when what answers at PORT is not Recert', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const other = (server.address() as AddressInfo).port;
    try {
      const run = await new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [SCRIPT, '--sub', 'mgr'], {
          env: { PATH: process.env.PATH, DATA_DIR: env.DATA_DIR, PORT: String(other), NO_COLOR: '1' },
        });
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => resolve({ code, err }));
      });
      expect(run.code).toBe(1);
      expect(run.err).toMatch(
        new RegExp(
          `^No token: http://localhost:${other}/dev-oidc does not answer as Recert's development sign-in \\(.+\\): ` +
            `is another program on port ${other}\\? Run npm run token with the PORT of your Recert\\.\\n$`,
        ),
      );
    } finally {
      server.close();
    }
  });
});
