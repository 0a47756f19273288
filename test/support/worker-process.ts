import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestRecert } from './harness';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/**
 * A real `worker` process on the test's database, namespace and task queue, as operators run it, so a
 * test can kill it without any goodbye. Resolves once it polls.
 */
export function spawnWorker(recert: TestRecert, env: Record<string, string> = {}): Promise<ChildProcess> {
  return spawnUntilPolling([MAIN, 'worker'], {
    ...env,
    NODE_ENV: 'test',
    DATABASE_URL: recert.databaseUrl,
    TEMPORAL_ADDRESS: recert.temporalAddress,
    TEMPORAL_NAMESPACE: recert.namespace,
    TEMPORAL_TASK_QUEUE: recert.config.temporal.taskQueue,
  });
}

/** Runs a built script (`node dist/…`) with `env` added, resolving once it says it polls. */
export function spawnUntilPolling(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  if (!fs.existsSync(args[0]))
    throw new Error(`${args[0]} missing: run the tests with \`npm test\`, which builds first`);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker polling')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited early (${code}):\n${output}`)));
  });
}
