import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/config/project-root';

export interface TemporalPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Each service's membership port is its gRPC port + 100. */
  metrics: number;
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
