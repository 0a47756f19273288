import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { projectRoot } from '../../src/config/project-root';

/** The services' gRPC ports; each one's membership port is its gRPC port + 100. */
export interface TemporalPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  metrics: number;
}

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

const portsFrom = (base: number): TemporalPorts => ({
  frontend: base,
  history: base + 1,
  matching: base + 2,
  worker: base + 3,
  metrics: base + 4,
  frontendHttp: base + 10,
});

/**
 * The server's ports from `base` (7233's layout shifted), or from a free base when none is given. The
 * server stores membership ports as SQL smallint: every port must stay below 32768, under the ephemeral
 * range most "any free port" answers come from.
 */
export async function temporalPorts(base?: number): Promise<TemporalPorts> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ports = portsFrom(base ?? 20_000 + Math.floor(Math.random() * 1_000) * 10);
    const all = [
      ...Object.values(ports),
      ...[ports.frontend, ports.history, ports.matching, ports.worker].map((p) => p + 100),
    ];
    if ((await Promise.all(all.map(isFree))).every(Boolean)) return ports;
    if (base !== undefined)
      throw new Error(`Temporal's ports from ${base} are not all free: ${all.join(', ')}`);
  }
  throw new Error('no free range of ports below 32768 for the Temporal server');
}

export interface TemporalDb {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** Shards are the server's unit of history parallelism; fixed at schema creation, as in production. */
export const HISTORY_SHARDS = 8;

const datastore = (db: TemporalDb, name: string, maxConns: number) => `
    ${name === 'temporal' ? 'postgres-default' : 'postgres-visibility'}:
      sql:
        pluginName: postgres12
        databaseName: ${name}
        connectAddr: "${db.host}:${db.port}"
        connectProtocol: tcp
        user: ${db.user}
        password: "${db.password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;

const service = (grpcPort: number, extra = '') => `
    rpc:
      grpcPort: ${grpcPort}
      membershipPort: ${grpcPort + 100}
      bindOnLocalHost: true${extra}`;

/**
 * The server's static configuration, what the compose file's `temporalio/server` image renders from its
 * environment: PostgreSQL for persistence and visibility, the four services, one cluster, and the same
 * dynamic config file (deploy/temporal/dynamicconfig/recert.yaml). Written as `<dir>/recert.yaml`, the
 * file `server --config <dir> --env recert` reads.
 */
export function writeTemporalConfig(dir: string, db: TemporalDb, ports: TemporalPorts): void {
  const dynamicConfig = path.join(projectRoot(), 'deploy', 'temporal', 'dynamicconfig', 'recert.yaml');
  const yaml = `# Written by npm run stack:prod; edit scripts/stack/temporal-config.ts instead.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${HISTORY_SHARDS}
  datastores:${datastore(db, 'temporal', 40)}${datastore(db, 'temporal_visibility', 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:${ports.metrics}"
services:
  frontend:${service(ports.frontend, `\n      httpPort: ${ports.frontendHttp}`)}
  history:${service(ports.history)}
  matching:${service(ports.matching)}
  worker:${service(ports.worker)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "${dynamicConfig}"
  pollInterval: 10s
`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'recert.yaml'), yaml);
}
