import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `npm run token`'s script as `npm run build` leaves it, run as a person runs it. */
const SCRIPT = path.join(__dirname, '..', 'dist', 'scripts', 'token.js');

describe('npm run token', () => {
  // No Recert has ever run here: the embedded provider's keys are not on disk.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-token-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const token = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, DATA_DIR: dataDir, NO_COLOR: '1' };
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
    expect(Date.now() - started).toBeLessThan(20_000);
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

  it('says so in one line, without a stack trace, when no Recert runs here', () => {
    for (const args of [
      ['--sub', 'mgr'],
      ['--client', 'recert-automation'],
    ]) {
      const run = token(...args);
      expect({ args, code: run.code }).toEqual({ args, code: 1 });
      expect(run.err).toMatch(/^No token: .*\(is Recert running with `npm start`\?\)\n$/);
    }
  });
});
