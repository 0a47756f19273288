import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testPort } from './test-port';

/** `node dist/src/main.js`, as `npm start` runs it once built. */
export const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One `start` process, in a process group of its own so that nothing of it survives the tests. */
export class StartProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  private text = '';

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [MAIN, 'start'], {
      cwd: path.join(__dirname, '..', '..'),
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    }
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Its stdout and stderr, as a terminal shows them. */
  get output(): string {
    return this.text;
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  async waitFor(text: string, ms = 90_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.text.includes(text)) {
      if (Date.now() > deadline || this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`no "${text}" in the output of start:\n${this.text.slice(-4000)}`);
      }
      await sleep(100);
    }
  }

  /** Resolves with how it ended and how long that took, or fails after `ms`. */
  async exitWithin(ms: number): Promise<Exit & { ms: number }> {
    const t0 = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    const exit = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (!exit) throw new Error(`start did not exit within ${ms} ms:\n${this.text.slice(-4000)}`);
    return { ...exit, ms: Date.now() - t0 };
  }

  /** Ctrl-C, and its end; killed when it does not end in time. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.signal('SIGINT');
    await this.exitWithin(25_000).catch(() => process.kill(-this.pid, 'SIGKILL'));
  }
}

/** A data folder and free ports of its own, its own embedded services, the development defaults. */
export async function startEnv(
  extra: NodeJS.ProcessEnv = {},
): Promise<{ env: NodeJS.ProcessEnv; port: number }> {
  const port = await testPort();
  const inherited = { ...process.env };
  for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'NODE_ENV', 'LOG_LEVEL', 'LOG_FORMAT']) {
    delete inherited[key];
  }
  const env = {
    ...inherited,
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'recert-start-')),
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await testPort()),
    TEMPORAL_DEV_PORT: String(await testPort()),
    TEMPORAL_UI_PORT: String(await testPort()),
    NO_COLOR: '1',
    ...extra,
  };
  return { env, port };
}

/** Stops what is left of `starts` and removes the data folder. */
export async function cleanUp(starts: StartProcess[], dataDir: string | undefined): Promise<void> {
  for (const started of starts) {
    try {
      process.kill(-started.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  if (dataDir) killHoldersOf(dataDir);
  await sleep(300);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The supervised Temporal dev server and PostgreSQL run in process groups of their own (so that a Ctrl-C
 * meant for start does not reach them first): killing start's group leaves them running. They are known by
 * their data, in the data folder.
 */
function killHoldersOf(dataDir: string): void {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.split('\0').some((arg) => arg.includes(dataDir))) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}
