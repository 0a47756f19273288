import { INestApplication, Logger } from '@nestjs/common';
import { DemoService } from './demo.service';

/** `--demo` / RECERT_DEMO=1: the demo organisation, when the ledger is empty; one line says what happened. */
export async function loadDemoAtStart(app: INestApplication): Promise<void> {
  const log = new Logger('demo');
  const demo = app.get(DemoService);
  if (!(await demo.isLedgerEmpty())) {
    log.log('Demo organisation not loaded: the ledger is not empty (it loads into an empty one only).');
    return;
  }
  const loaded = await demo.load();
  const reviewer = loaded.personas.find((p) => p.role === 'reviewer');
  log.log(
    `Demo organisation loaded in ${(loaded.ms / 1000).toFixed(1)} s` +
      (reviewer
        ? `: sign in as ${reviewer.displayName} (reviewer), or pick another on the sign-in page`
        : ''),
  );
}
