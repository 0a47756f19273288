import type { ClosedStatus } from '../../domain/remediation.types';

/** A ticket as Recert records it: what people see and whether the work is over. */
export interface TicketState {
  id: string;
  number: string;
  url: string;
  /** The ITSM's own status name, shown as the remediation's printable status. */
  status: string;
  closed: ClosedStatus;
}

export interface NewTicket {
  /** Written on the ticket so that a retried creation finds it instead of opening a second one. */
  correlationId: string;
  summary: string;
  description: string;
}

export interface ItsmAdapter {
  findByCorrelation(correlationId: string): Promise<TicketState | undefined>;
  create(ticket: NewTicket): Promise<TicketState>;
  get(id: string): Promise<TicketState>;
}

export class ItsmHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON over HTTP with a deadline; any answer other than 2xx is an error the caller's retry policy handles. */
export async function callJson<T>(
  url: string,
  init: { method: 'GET' | 'POST'; authorization: string; body?: unknown; timeoutMs: number },
): Promise<T> {
  const res = await fetch(url, {
    method: init.method,
    headers: {
      accept: 'application/json',
      authorization: init.authorization,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) {
    throw new ItsmHttpError(
      res.status,
      `${init.method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 200)}`,
    );
  }
  return JSON.parse(text) as T;
}

export const basicAuth = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
