import * as fs from 'node:fs';
import {
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { AppConfig } from '../config/config.schema';

type Tls = NonNullable<ConnectionOptions['tls']> & NonNullable<NativeConnectionOptions['tls']>;

function tlsOptions(config: AppConfig['temporal']): Tls | undefined {
  const tls = config.tls;
  if (!tls) return undefined;
  const options: Tls = {};
  if (tls.serverName) options.serverNameOverride = tls.serverName;
  if (tls.caPath) options.serverRootCACertificate = fs.readFileSync(tls.caPath);
  if (tls.certPath && tls.keyPath) {
    options.clientCertPair = { crt: fs.readFileSync(tls.certPath), key: fs.readFileSync(tls.keyPath) };
  }
  return options;
}

/** The same address, TLS and API key for the client (API) and the native connection (worker). */
export function temporalConnectionOptions(config: AppConfig['temporal'], address: string) {
  return { address, tls: tlsOptions(config), apiKey: config.apiKey };
}

/**
 * The client's calls give up after a few quick retries (about a second), so that a request reaching an
 * unreachable Temporal answers 503 at once rather than after the SDK's default ~20 s of retries.
 * Long-polls for an Update's outcome are the SDK's own loop and are not shortened.
 */
export function clientConnectionOptions(config: AppConfig['temporal'], address: string): ConnectionOptions {
  return {
    ...temporalConnectionOptions(config, address),
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))],
  };
}
