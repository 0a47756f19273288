import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config/config.schema';
import { describeError } from './embedded/describe-error';
import { endSupervision, signalSupervisedChildren } from './embedded/supervisor';
import { createLogger, NestPinoLogger, TemporalPinoLogger } from './logging/logging';
import { Mode, run } from './runtime';

const MODES: Mode[] = ['start', 'api', 'worker'];
/** Loads the demo organisation at start when the ledger is empty. */
const DEMO_FLAG = '--demo';

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent. Left to
 * itself, on a machine with gigabytes, V8 lets it grow up to 4× the live heap: a ledger import (~60 MB
 * live) then carried up to ~190 MB of garbage and the API process peaked at 350–400 MB in some runs
 * (GC trace of `bench:import`). At 20 % it peaks under 300 MB for a million rows or three, for up to ~25
 * full collections per import of 7–30 ms each. V8 reads it at every collection, so setting it here, before
 * the process has done any work, holds for the whole process; it caps nothing (a large JSON import still
 * gets the heap it needs, in more steps), unlike `--max-old-space-size`.
 */
const HEAP_GROWING_PERCENT = 20;

/** A stop that hangs (a dependency down) must not keep the process, nor the terminal, waiting. */
const SHUTDOWN_BOUND_MS = 20_000;

let stopping = false;
let exitCode = 0;

async function main(): Promise<void> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const [modeArg, ...flags] = process.argv.slice(2);
  const mode = (modeArg ?? 'start') as Mode;
  if (!MODES.includes(mode) || flags.some((f) => f !== DEMO_FLAG)) {
    console.error(`usage: node dist/src/main.js ${MODES.join('|')} [${DEMO_FLAG}]`);
    process.exit(2);
  }
  // `--demo` is RECERT_DEMO=1, and is refused where that is (production, OIDC_ISSUER).
  const config = loadConfig(flags.includes(DEMO_FLAG) ? { ...process.env, RECERT_DEMO: '1' } : process.env);
  // This process stops its parts in order (API, worker, then embedded services); the SDK must not
  // react to the same signals on its own.
  const logger = createLogger(config.logging);
  Logger.overrideLogger(new NestPinoLogger(logger));
  Runtime.install({ shutdownSignals: [], logger: new TemporalPinoLogger(logger) });
  const log = new Logger('recert');

  // Whatever ends the process (a crash included), no embedded service outlives it. Only kill -9 escapes
  // this; the next start then stops them (see supervisor.ts).
  process.on('exit', () => signalSupervisedChildren('gracefully'));

  const finish = (stopAll: () => Promise<unknown>) =>
    stopAll().then(
      () => process.exit(exitCode),
      (err: unknown) => {
        log.error(`while stopping: ${describeError(err)}`);
        process.exit(1);
      },
    );
  const shutdown = (why: string, code: number) => {
    if (stopping) {
      log.warn(`${why} again: killing the embedded services and exiting now.`);
      signalSupervisedChildren('at once');
      process.exit(code || 1);
    }
    stopping = true;
    exitCode = code;
    endSupervision();
    log.log(`${why}; stopping… (Ctrl-C again to exit at once)`);
    setTimeout(() => {
      log.error(`Stopping took over ${SHUTDOWN_BOUND_MS / 1000} s; killing what is left and exiting.`);
      signalSupervisedChildren('at once');
      process.exit(1);
    }, SHUTDOWN_BOUND_MS).unref();
    // A client closed while a retry of a call was pending throws from a timer; that must not cut the
    // stop short and leave the embedded services running.
    process.on('uncaughtException', (err) => log.warn(`while stopping: ${describeError(err)}`));
    // While still starting, this waits for run(); when that fails, main()'s catch ends the process.
    void started.then(finish, () => undefined);
  };
  process.on('SIGINT', () => shutdown('SIGINT received', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM received', 0));
  // A closed terminal: the Temporal dev server, in a process group of its own, would not hear of it.
  process.on('SIGHUP', () => shutdown('SIGHUP received', 0));

  const started = run(mode, config, logger, (message) => {
    log.error(message);
    shutdown('Giving up', 1);
  });
  await started;
}

main().catch((err: unknown) => {
  if (stopping) {
    // Stopped while starting: what failed then is the consequence, not the cause.
    console.error(`Stopped while starting (${describeError(err)})`);
    process.exit(exitCode);
  }
  console.error(err instanceof ConfigError ? err.message : `Recert could not start: ${describeError(err)}`);
  process.exit(1);
});
