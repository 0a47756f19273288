import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type Fault = '500' | 'hang';

/**
 * The plumbing of the fake ITSM servers: JSON bodies, Basic auth, a log of requests, and faults the
 * test queues for the next requests (an error answer, or no answer at all).
 */
export abstract class FakeHttpServer {
  readonly requests: { method: string; path: string }[] = [];
  private readonly faults: Fault[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  url = '';

  constructor(private readonly basic: string) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next requests meet these faults, one each, in order. */
  fail(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  count(method: string, pathPrefix: string): number {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length;
  }

  protected abstract route(
    method: string,
    url: URL,
    body: unknown,
    res: ServerResponse,
  ): Promise<[number, unknown] | 'held'> | [number, unknown] | 'held';

  /** Keeps the request open without answering, as a server that is stuck or whose caller died. */
  protected hold(res: ServerResponse): 'held' {
    this.hanging.add(res);
    return 'held';
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname });
    const fault = this.faults.shift();
    if (fault === 'hang') return void this.hold(res);
    if (fault === '500') return this.send(res, 500, { error: { message: 'Internal error (injected)' } });
    if (req.headers.authorization !== this.basic) return this.send(res, 401, { error: 'unauthorized' });
    const text = Buffer.concat(chunks).toString('utf8');
    const answer = await this.route(
      req.method ?? 'GET',
      url,
      text ? (JSON.parse(text) as unknown) : undefined,
      res,
    );
    if (answer !== 'held') this.send(res, answer[0], answer[1]);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

export const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
