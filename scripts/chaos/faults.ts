import type { ProdStack } from '../stack/prod-stack';
import { eventually, sleep } from './wait';

export type FaultKind =
  | 'worker SIGKILL'
  | 'API SIGKILL'
  | 'Temporal server restart'
  | 'Recert PostgreSQL restart'
  | 'SMTP sink down'
  | 'ITSM 500s then hanging';

export interface FaultPlan {
  kind: FaultKind;
  /** Milliseconds after the schedule starts. */
  at: number;
}

export interface InjectedFault extends FaultPlan {
  injectedAt: number;
  /** From the fault (or the end of an outage) until the part serves again. */
  recoveryMs: number;
}

/** Until `check` holds; the bound is how long a part may take to serve again. */
const until = (check: () => Promise<boolean>, boundMs = 300_000) =>
  eventually('recovered', async () => ((await check()) ? true : undefined), boundMs);

const healthy = (stack: ProdStack) => async () =>
  (await fetch(`${stack.url}/health`, { signal: AbortSignal.timeout(2_000) })).ok;

/** `count` moments spread at random over `windowMs`, one per slot so that they do not bunch up. */
export function spread(kind: FaultKind, count: number, windowMs: number, offsetMs = 0): FaultPlan[] {
  const slot = windowMs / Math.max(count, 1);
  return Array.from({ length: count }, (_, n) => ({
    kind,
    at: offsetMs + n * slot + Math.random() * slot * 0.8,
  }));
}

/**
 * Runs the faults in time order against the stack (one at a time: each waits for the previous one's
 * recovery), and measures how long each part takes to serve again.
 */
export async function runFaults(
  stack: ProdStack,
  plan: FaultPlan[],
  options: { smtpDownMs: number; log: (m: string) => void },
): Promise<InjectedFault[]> {
  const done: InjectedFault[] = [];
  const start = Date.now();
  for (const fault of [...plan].sort((a, b) => a.at - b.at)) {
    const wait = start + fault.at - Date.now();
    if (wait > 0) await sleep(wait);
    const injectedAt = Date.now();
    let recoveredFrom = injectedAt;
    switch (fault.kind) {
      case 'worker SIGKILL': {
        const worker = stack.workers[Math.floor(Math.random() * stack.workers.length)];
        worker.kill('SIGKILL');
        await sleep(300);
        await worker.serving();
        break;
      }
      case 'API SIGKILL': {
        const api = stack.apis[Math.floor(Math.random() * stack.apis.length)];
        api.kill('SIGKILL');
        await sleep(300);
        await api.serving();
        break;
      }
      case 'Temporal server restart':
        await stack.restartTemporal();
        await until(healthy(stack));
        break;
      case 'Recert PostgreSQL restart':
        await stack.restartRecertPostgres();
        await until(healthy(stack));
        break;
      case 'SMTP sink down': {
        await stack.smtpDown();
        await sleep(options.smtpDownMs);
        const before = stack.smtp.count;
        await stack.smtpUp();
        recoveredFrom = Date.now();
        // Recovered when mail flows again: the next message accepted (none may be due for a while).
        await until(async () => stack.smtp.count > before, 60_000).catch(() => undefined);
        break;
      }
      case 'ITSM 500s then hanging': {
        stack.itsm.fail('500', '500', '500', '500', 'hang', 'hang');
        const before = stack.itsm.requests.length;
        // Recovered once the ITSM has answered normally again after the injected faults.
        await until(async () => stack.itsm.requests.length > before + 6);
        break;
      }
    }
    const f = { ...fault, injectedAt, recoveryMs: Date.now() - recoveredFrom };
    options.log(
      `fault ${fault.kind} at +${((injectedAt - start) / 1000).toFixed(0)} s, recovered in ${f.recoveryMs} ms`,
    );
    done.push(f);
  }
  return done;
}
