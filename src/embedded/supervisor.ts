import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { describeError } from './describe-error';

/** A child process that can be started again, always with the same arguments (same data, same port). */
export interface ChildSpec {
  /** For log lines and errors, e.g. "PostgreSQL". */
  name: string;
  /** What a restart keeps, for the log line, e.g. "same data in /x/postgres, same port 5488". */
  keeps: string;
  /**
   * An argument only this child has on its command line (its data folder or file). The pid in a pid file
   * may belong to an unrelated process by now, which must never be killed.
   */
  identity: string;
  /** PostgreSQL's fast shutdown is SIGINT; the Temporal dev server stops on SIGTERM. */
  stopSignal: NodeJS.Signals;
  /** Starts the child; resolves with it once it serves, rejects with an Error saying why not. */
  start(): Promise<ChildProcess>;
  /** The child spawned last, also while it is still starting, so that a stop can reach it. */
  current(): ChildProcess | undefined;
}

export interface Supervision {
  /** Holds the child's pid while it runs, so that a start after this process was killed finds it. */
  pidFile: string;
  log(message: string): void;
  /** Called once when the child keeps dying; the process should then stop with a non-zero exit. */
  giveUp(message: string): void;
}

/** Three deaths within a minute is a child that cannot run here; restarting it forever hides that. */
export const MAX_QUICK_FAILURES = 3;
export const FAILURE_WINDOW_MS = 60_000;
/** How long a child gets to stop on its stop signal before it is killed. */
const STOP_GRACE_MS = 5_000;
const KILL_WAIT_MS = 2_000;
/** Before a restart: lets a killed PostgreSQL's backends exit and release its shared memory. */
const RESTART_PAUSE_MS = 1_000;

const supervisors = new Set<Supervisor>();
let ending = false;

/**
 * From now on no child is restarted. Called as soon as the process begins to stop: Ctrl-C in a terminal
 * also reaches the children, whose exits must not look like crashes.
 */
export function endSupervision(): void {
  ending = true;
}

/**
 * Signals every supervised child still running, without waiting: for a process that exits right now.
 * `at once` is SIGKILL; `gracefully` is each child's own stop signal, which it finishes on its own.
 */
export function signalSupervisedChildren(how: 'at once' | 'gracefully'): void {
  ending = true;
  for (const supervisor of supervisors) supervisor.signal(how);
}

/** Keeps one child running: restarts it when it dies, gives up when it dies too often. */
export class Supervisor {
  private stopping = false;
  private gaveUp = false;
  private failures: number[] = [];

  constructor(
    private readonly spec: ChildSpec,
    /** Without it (tests) the child is started and stopped, but not restarted. */
    private readonly supervision?: Supervision,
  ) {
    supervisors.add(this);
  }

  async start(): Promise<void> {
    try {
      if (this.supervision) await stopStaleChild(this.spec, this.supervision);
      this.watch(await this.spec.start());
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.spec.current();
    if (child) await terminate(child, this.spec.stopSignal);
    if (this.supervision) fs.rmSync(this.supervision.pidFile, { force: true });
  }

  signal(how: 'at once' | 'gracefully'): void {
    this.stopping = true;
    const child = this.spec.current();
    if (child && isRunning(child)) child.kill(how === 'at once' ? 'SIGKILL' : this.spec.stopSignal);
  }

  private watch(child: ChildProcess): void {
    if (this.supervision && child.pid) fs.writeFileSync(this.supervision.pidFile, `${child.pid}\n`);
    if (isRunning(child)) child.once('exit', (code, signal) => void this.exited(child, code, signal));
    else void this.exited(child, child.exitCode, child.signalCode);
  }

  private async exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    const supervision = this.supervision;
    if (!supervision || this.stopped() || child !== this.spec.current()) return;
    const { name, keeps } = this.spec;
    let why = `${name} (pid ${child.pid}) ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`;
    for (;;) {
      const now = Date.now();
      this.failures = [...this.failures.filter((t) => now - t < FAILURE_WINDOW_MS), now];
      if (this.failures.length >= MAX_QUICK_FAILURES) {
        this.gaveUp = true;
        supervision.giveUp(
          `${why}. ${name} failed ${this.failures.length} times within ${FAILURE_WINDOW_MS / 1000} s; ` +
            `giving up on it, so Recert stops.`,
        );
        return;
      }
      supervision.log(`${why}; restarting it (${keeps})…`);
      await sleep(RESTART_PAUSE_MS * this.failures.length);
      if (this.stopped()) return;
      try {
        const restarted = await this.spec.start();
        if (this.stopped()) {
          // stop() may have run before this child was spawned, and so missed it.
          if (this.stopping) await terminate(restarted, this.spec.stopSignal);
          return;
        }
        this.watch(restarted);
        supervision.log(`${name} restarted (pid ${restarted.pid}).`);
        return;
      } catch (err) {
        if (this.stopped()) return;
        why = `Restarting ${name} failed: ${describeError(err)}`;
      }
    }
  }

  private stopped(): boolean {
    return ending || this.stopping || this.gaveUp;
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Asks the child to stop, kills it when it does not in time; resolves once it is gone (bounded). */
async function terminate(child: ChildProcess, stopSignal: NodeJS.Signals): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(stopSignal);
  if (await within(exited, STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  await within(exited, KILL_WAIT_MS);
}

/**
 * A child of an earlier start that was killed itself (kill -9) keeps running, holding the ports and the
 * data; it is stopped before a new one starts.
 */
async function stopStaleChild(spec: ChildSpec, supervision: Supervision): Promise<void> {
  const pid = Number.parseInt(readOr(supervision.pidFile, ''), 10);
  if (pid > 0 && isThatChild(pid, spec.identity)) {
    supervision.log(`Stopping ${spec.name} (pid ${pid}) left running by an earlier start…`);
    const gone = () => !isThatChild(pid, spec.identity);
    signalPid(pid, spec.stopSignal);
    if (!(await waitUntil(gone, STOP_GRACE_MS))) {
      signalPid(pid, 'SIGKILL');
      if (!(await waitUntil(gone, KILL_WAIT_MS))) {
        throw new Error(`${spec.name} (pid ${pid}) left running by an earlier start does not stop`);
      }
    }
    supervision.log(`Stopped the earlier ${spec.name} (pid ${pid}).`);
  }
  fs.rmSync(supervision.pidFile, { force: true });
}

/** Whether `pid` runs with `identity` on its command line. A zombie's command line is empty. */
function isThatChild(pid: number, identity: string): boolean {
  return readOr(`/proc/${pid}/cmdline`, '').split('\0').includes(identity);
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `promise` settles within `ms`; the timer does not outlive it. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}
