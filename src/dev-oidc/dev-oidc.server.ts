import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeHandler } from './dev-oidc-provider';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Serves the development provider on its own port, as a separate issuer. */
export function listen(handler: NodeHandler, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
