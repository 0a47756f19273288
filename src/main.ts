import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from './config/config.schema';
import { Mode, run } from './runtime';

const MODES: Mode[] = ['start', 'api', 'worker'];

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'start') as Mode;
  if (!MODES.includes(mode)) {
    console.error(`usage: node dist/src/main.js ${MODES.join('|')}`);
    process.exit(2);
  }
  const config = loadConfig();
  // This process stops its parts in order (API, worker, then embedded services); the SDK must not
  // react to the same signals on its own.
  Runtime.install({ shutdownSignals: [] });
  const stop = await run(mode, config);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('recert').log(`${signal} received; stopping…`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
