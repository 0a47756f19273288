import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import {
  Client,
  Connection,
  WorkflowHandle,
  WorkflowHandleWithStartDetails,
  WorkflowStartOptions,
} from '@temporalio/client';
import { ApplicationFailure, type Workflow } from '@temporalio/common';
import { DefaultLogger, LogEntry, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { RecertActivities } from '../../activities';
import { namespaceOf, readTestEnv } from './test-env';

export type ActivityName = keyof RecertActivities;
export type ActivityInput<N extends ActivityName> = Parameters<RecertActivities[N]>[0];

/** In-test implementations of the activities a test's workflows call; a call to any other fails the test. */
export type FakeActivities = Partial<RecertActivities>;

/** One activity attempt as the worker ran it. */
export interface ActivityCall<N extends ActivityName = ActivityName> {
  name: N;
  input: ActivityInput<N>;
  /** Wall-clock time the attempt started. */
  at: number;
  attempt: number;
  workflowId: string;
  runId: string;
}

/** What the workflows asked the activities to do, in order, with a way to wait for it without polling. */
export class ActivityRecorder {
  readonly calls: ActivityCall[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly workerLog: () => string) {}

  record(call: ActivityCall): void {
    this.calls.push(call);
    for (const listener of [...this.listeners]) listener();
  }

  names(): ActivityName[] {
    return this.calls.map((c) => c.name);
  }

  of<N extends ActivityName>(name: N): ActivityCall<N>[] {
    return this.calls.filter((c): c is ActivityCall<N> => c.name === name);
  }

  inputs<N extends ActivityName>(name: N): ActivityInput<N>[] {
    return this.of(name).map((c) => c.input);
  }

  /** Resolves with the calls of `name` once there are `count` of them. */
  async waitFor<N extends ActivityName>(name: N, count = 1, timeoutMs = 15_000): Promise<ActivityCall<N>[]> {
    await this.until(() => this.of(name).length >= count, `${count} call(s) of ${name}`, timeoutMs);
    return this.of(name);
  }

  /** Resolves once `check` holds, re-checked at each recorded call. */
  until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${this.names().join(', ') || 'none'}${this.workerLog()}`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}

type StartOptions<W extends Workflow> = Omit<WorkflowStartOptions<W>, 'taskQueue' | 'workflowId'> & {
  workflowId?: string;
};

/** A test's own worker: its task queue, what its activities were asked, and the workflows it started. */
export interface WorkerRun {
  taskQueue: string;
  recorder: ActivityRecorder;
  client: Client;
  /** Starts a workflow on this run's task queue; it is terminated after the test if still running. */
  start<W extends Workflow>(
    workflowType: string,
    options: StartOptions<W>,
  ): Promise<WorkflowHandleWithStartDetails<W>>;
}

/**
 * The worker's warnings and errors (an activity failing on purpose logs one), kept out of the test output
 * and quoted when a wait times out; RECERT_TEST_LOG_LEVEL (other than silent) prints them as they come.
 */
const workerLog: LogEntry[] = [];
const printLog = (process.env.RECERT_TEST_LOG_LEVEL ?? 'silent') !== 'silent';
let runtimeInstalled = false;

function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', (entry) => {
      if (printLog) process.stderr.write(`worker ${entry.level}: ${entry.message}\n`);
      workerLog.push(entry);
      if (workerLog.length > 50) workerLog.shift();
    }),
  });
  runtimeInstalled = true;
}

function recentWorkerLog(): string {
  const recent = workerLog.slice(-5).map((e) => `\n  worker ${e.level}: ${e.message}`);
  return recent.join('');
}

/** The activities a worker registers: each fake, recorded, and a default that refuses any other. */
function recordedActivities(recorder: ActivityRecorder, fakes: FakeActivities) {
  const record = (name: ActivityName, input: unknown) => {
    const info = Context.current().info;
    recorder.record({
      name,
      input: input as ActivityInput<ActivityName>,
      at: Date.now(),
      attempt: info.attempt,
      workflowId: info.workflowExecution?.workflowId ?? '',
      runId: info.workflowExecution?.runId ?? '',
    });
  };
  const activities: Record<string, (input: unknown) => Promise<unknown>> = {
    // A call the test did not expect fails the workflow's activity for good, and shows in `calls`.
    default: async (input: unknown) => {
      const name = Context.current().info.activityType as ActivityName;
      record(name, input);
      throw ApplicationFailure.create({
        type: 'UnexpectedActivity',
        message: `the test has no implementation of activity ${name}`,
        nonRetryable: true,
      });
    },
  };
  for (const name of Object.keys(fakes) as ActivityName[]) {
    // Each fake is typed by its own key; the worker calls every activity with one untyped input.
    const fake = fakes[name] as (input: unknown) => Promise<unknown>;
    activities[name] = async (input: unknown) => {
      record(name, input);
      return fake(input);
    };
  }
  return activities;
}

/**
 * The workflow tier's Temporal: the test run's dev server (or `address`), one namespace per file, the
 * workflow bundle globalSetup made once per run, and a worker per test whose activities are the test's.
 */
export class WorkflowTestEnv {
  private constructor(
    readonly client: Client,
    readonly namespace: string,
    private readonly connection: Connection,
    private readonly native: NativeConnection,
    private readonly bundlePath: string,
  ) {}

  static async open(options: { address?: string; namespace?: string } = {}): Promise<WorkflowTestEnv> {
    installQuietRuntime();
    const env = readTestEnv();
    const address = options.address ?? env.temporalAddress;
    const namespace = options.namespace ?? namespaceOf(expect.getState().testPath ?? '');
    const connection = await Connection.connect({ address });
    const native = await NativeConnection.connect({ address });
    return new WorkflowTestEnv(
      new Client({ connection, namespace }),
      namespace,
      connection,
      native,
      env.workflowBundlePath,
    );
  }

  /** Runs `test` with a worker of its own on a fresh task queue; shuts it down after. */
  async withWorker<T>(fakes: FakeActivities, test: (run: WorkerRun) => Promise<T>): Promise<T> {
    const taskQueue = `wf-${randomUUID().slice(0, 8)}`;
    const recorder = new ActivityRecorder(recentWorkerLog);
    const worker = await Worker.create({
      connection: this.native,
      namespace: this.namespace,
      taskQueue,
      workflowBundle: { codePath: this.bundlePath },
      activities: recordedActivities(recorder, fakes),
    });
    const started: WorkflowHandle[] = [];
    const client = this.client;
    const run: WorkerRun = {
      taskQueue,
      recorder,
      client,
      async start<W extends Workflow>(workflowType: string, options: StartOptions<W>) {
        // The SDK types `args` by a condition on W that TypeScript leaves open for a generic W.
        const handle = await client.workflow.start<W>(workflowType, {
          ...options,
          taskQueue,
          workflowId: options.workflowId ?? `${workflowType}-${randomUUID()}`,
        } as WorkflowStartOptions<W>);
        started.push(handle);
        return handle;
      },
    };
    try {
      return await worker.runUntil(test(run));
    } finally {
      await Promise.all(started.map((h) => h.terminate('test over').catch(() => undefined)));
    }
  }

  async close(): Promise<void> {
    await this.native.close();
    await this.connection.close();
  }
}

/** The workflow's current details as the Temporal UI shows them (`setCurrentDetails`). */
export async function currentDetails(handle: WorkflowHandle): Promise<string> {
  const meta = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  return meta.currentDetails ?? '';
}

/** Polls `read` until it answers something other than undefined: for what no activity call reveals. */
export async function pollFor<T>(
  read: () => Promise<T | undefined>,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    await sleep(100);
  }
}

/** The current details once they match: a workflow sets them after an activity's result, not at its start. */
export async function detailsMatching(handle: WorkflowHandle, pattern: RegExp): Promise<string> {
  let last = '';
  return pollFor(
    async () => {
      last = await currentDetails(handle);
      return pattern.test(last) ? last : undefined;
    },
    () => `details to match ${pattern}; last:\n${last}`,
  );
}

export const isoIn = (ms: number, from = Date.now()): string => new Date(from + ms).toISOString();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
