import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * The load balancer in front of the API processes, at the TCP level (as HAProxy's `mode tcp`): each new
 * connection goes to the next backend, and to the one after it when that one refuses (a killed process).
 * A connection cut by a dying backend is the client's to retry, on a new connection.
 */
export class RoundRobinProxy {
  private server?: net.Server;
  private next = 0;
  port = 0;

  constructor(private readonly backends: number[]) {}

  async listen(port = 0): Promise<number> {
    const server = net.createServer((client) => {
      client.pause();
      client.on('error', () => undefined);
      this.connect(client, this.backends.length);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this.port;
  }

  private connect(client: net.Socket, triesLeft: number): void {
    const backend = this.backends[this.next++ % this.backends.length];
    const upstream = net.connect(backend, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected && triesLeft > 1 && !client.destroyed) return this.connect(client, triesLeft - 1);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => connected && client.destroy());
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
