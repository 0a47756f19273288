import { randomUUID } from 'node:crypto';

export type Outcome = 'acknowledged' | 'lost';

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * A client as a real one behaves under faults: every change carries an Idempotency-Key, and a request
 * that got no answer, a 5xx or a 429 is sent again with the same key and body until it is answered or
 * the client gives up (then its outcome is unknown to it: "lost").
 */
export class ChaosClient {
  requests = 0;
  retries = 0;

  constructor(
    readonly base: string,
    private readonly giveUpAfterMs = 180_000,
  ) {}

  async call<T>(
    token: string | (() => Promise<string>),
    method: string,
    path: string,
    body?: unknown,
    key: string = randomUUID(),
  ): Promise<{ outcome: Outcome; status?: number; body?: T }> {
    const deadline = Date.now() + this.giveUpAfterMs;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.retries++;
      this.requests++;
      try {
        const res = await fetch(this.base + path, {
          method,
          headers: {
            authorization: `Bearer ${typeof token === 'string' ? token : await token()}`,
            'content-type': 'application/json',
            ...(method === 'GET' ? {} : { 'idempotency-key': key }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await res.text();
        if (!RETRYABLE.has(res.status)) {
          return {
            outcome: 'acknowledged',
            status: res.status,
            body: text ? (JSON.parse(text) as T) : undefined,
          };
        }
      } catch {
        // No answer (connection refused or cut, timeout): unknown whether it was applied.
      }
      if (Date.now() > deadline) return { outcome: 'lost' };
      await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * 2 ** Math.min(attempt, 5))));
    }
  }

  /** For set-up and checks: retried like any call, and a failure there ends the run. */
  async must<T>(
    token: string | (() => Promise<string>),
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const r = await this.call<T>(token, method, path, body);
    if (r.outcome === 'lost' || !r.status || r.status >= 300) {
      throw new Error(`${method} ${path}: ${r.outcome} ${r.status ?? ''} ${JSON.stringify(r.body ?? '')}`);
    }
    return r.body as T;
  }
}
