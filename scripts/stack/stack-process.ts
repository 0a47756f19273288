import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface ProcessSpec {
  /** For logs and the fault table, e.g. "worker-1". */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Resolves true once the process serves: its port answers, or its log says so. */
  ready: (output: () => string) => Promise<boolean>;
}

const READY_TIMEOUT_MS = 180_000;
/** As a process manager's restart policy (compose `restart: unless-stopped`, systemd `Restart=always`). */
const RESTART_DELAY_MS = 1_000;

/**
 * One process of the topology, restarted when it dies unasked, as its process manager would. `kill()`
 * is a crash (the restart policy brings it back); `stop()` is an operator's stop.
 */
export class StackProcess {
  private child?: ChildProcess;
  private wanted = false;
  private output = '';
  /** Times the restart policy started it again after an exit nobody asked for. */
  restarts = 0;

  constructor(private readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.wanted = true;
    this.output = '';
    const log = fs.createWriteStream(this.spec.logFile, { flags: 'a' });
    const child = spawn(this.spec.command, this.spec.args, {
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      // Readiness looks at what it printed since this start; a bounded tail is enough for that.
      this.output = (this.output + chunk.toString()).slice(-64_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', () => {
      log.end();
      if (this.child !== child || !this.wanted) return;
      this.restarts++;
      setTimeout(() => {
        if (this.child === child && this.wanted) void this.start().catch(() => undefined);
      }, RESTART_DELAY_MS);
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await this.spec.ready(() => this.output))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${this.name} exited while starting; see ${this.spec.logFile}:\n${this.output.slice(-2000)}`,
        );
      }
      if (Date.now() > deadline) throw new Error(`${this.name} not ready after ${READY_TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Sends `signal` without stopping supervision: with SIGKILL, a crash the restart policy repairs. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child?.kill(signal);
  }

  /** Resolves once the restart policy has it serving again after a kill. */
  async serving(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const child = this.child;
      const alive = child && child.exitCode === null && child.signalCode === null;
      if (alive && (await this.spec.ready(() => this.output))) return;
      if (Date.now() > deadline)
        throw new Error(`${this.name} not serving after ${READY_TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.wanted = false;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
