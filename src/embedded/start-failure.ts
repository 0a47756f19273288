import * as fs from 'node:fs';
import * as net from 'node:net';
import { describeError } from './describe-error';

/** A start that cannot go on, with a message that says why and what to do, in one line. */
export class StartFailure extends Error {}

const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

const DATA_DIR_PROBLEMS: Record<string, string> = {
  EEXIST: 'is a file, not a folder',
  ENOTDIR: 'is below a file, not a folder',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable by this user',
  EROFS: 'is on a read-only file system',
};

/** DATA_DIR holds the embedded databases, the provider's keys and the outbox: it must be a writable folder. */
export function ensureWritableDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const problem = DATA_DIR_PROBLEMS[errnoOf(err) ?? ''] ?? `cannot be used (${describeError(err)})`;
    throw new StartFailure(
      `DATA_DIR ${dir} ${problem}: set DATA_DIR to a folder this user can write (it is created if missing).`,
    );
  }
}

/** Whether something listens on `port` already (on any interface, as the servers here bind). */
function inUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err) => resolve(errnoOf(err) === 'EADDRINUSE'));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

export interface PortUse {
  port: number;
  /** The variable that sets it, e.g. PORT. */
  variable: string;
  /** What listens there, e.g. "the embedded PostgreSQL". */
  what: string;
}

const portInUse = ({ port, variable, what }: PortUse) =>
  new StartFailure(
    `Port ${port} (${variable}, ${what}) is in use, by another Recert or another program: ` +
      `stop that, or set ${variable} to a free port.`,
  );

/** Fails at once, before anything slow starts, when a port this start needs is taken. */
export async function ensurePortsFree(ports: PortUse[]): Promise<void> {
  for (const use of ports) if (await inUse(use.port)) throw portInUse(use);
}

/**
 * Runs a step that listens on ports; when it fails and one of them is taken (by another program, or
 * taken meanwhile), that is what the failure says.
 */
export async function onPorts<T>(ports: PortUse[], step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    for (const use of ports) if (await inUse(use.port)) throw portInUse(use);
    throw err;
  }
}

/** PostgreSQL's and the network's ways of saying a connection was not made (not: a query failed). */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const PG_CANNOT_CONNECT = /^(28|3D)/; // invalid authorization, unknown database

/** Whether `err` says the service was never reached, rather than that it refused some work. */
export function notConnected(err: unknown): boolean {
  if (err instanceof AggregateError) return err.errors.some(notConnected);
  const code = errnoOf(err) ?? '';
  return (
    NOT_CONNECTED.has(code) || PG_CANNOT_CONNECT.test(code) || /timeout expired/i.test(describeError(err))
  );
}

/**
 * Connects to a service this start was pointed at (DATABASE_URL, TEMPORAL_ADDRESS); when that fails,
 * says which setting to correct, and that without it Recert runs its own.
 */
export async function reaching<T>(
  service: { what: string; variable: string },
  step: () => Promise<T>,
  unreached: (err: unknown) => boolean = () => true,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!unreached(err)) throw err;
    throw new StartFailure(
      `Cannot reach ${service.what} (${describeError(err)}): start it or correct ${service.variable}; ` +
        `without ${service.variable}, Recert starts its own.`,
    );
  }
}
