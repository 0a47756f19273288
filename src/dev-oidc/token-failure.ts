import * as client from 'openid-client';
import type { AppConfig } from '../config/config.schema';
import { describeError } from '../embedded/describe-error';
import { devSecretsFile } from './embedded';
import { SignInRefused } from './scripted-sign-in';

/** Errors of a failed network call nest their cause (fetch → its socket's error); the first code found. */
function codeOf(err: unknown): string | undefined {
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && !code.startsWith('OAUTH_')) return code;
  }
  return undefined;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * Why `npm run token` got no token from the embedded provider, and what to do about it, in one line.
 * `npm start` runs with the same environment (DATA_DIR, PORT): a different one is the usual cause.
 */
export function tokenFailure(err: unknown, config: AppConfig): string {
  const issuer = config.oidc.issuer;
  if (err instanceof SignInRefused) return err.message;
  const code = codeOf(err);
  if (code === 'ENOENT' && (err as NodeJS.ErrnoException).path === devSecretsFile(config)) {
    return (
      `no Recert has run with DATA_DIR=${config.dataDir} (no ${devSecretsFile(config)}): ` +
      'start it with `npm start` (same DATA_DIR), then ask again.'
    );
  }
  if (code && UNREACHABLE.has(code)) {
    return `nothing answers at ${issuer} (${code}): start Recert with \`npm start\` (same PORT), then ask again.`;
  }
  if (err instanceof client.ResponseBodyError && err.error === 'invalid_client') {
    return (
      `the Recert at ${issuer} does not know the client secret in ${devSecretsFile(config)}: ` +
      'run npm run token with the DATA_DIR of that Recert.'
    );
  }
  if (err instanceof client.ClientError || err instanceof client.ResponseBodyError) {
    return (
      // The message alone: its cause is the HTTP response, which prints as nothing useful.
      `${issuer} does not answer as Recert's development sign-in (${err.message}): ` +
      `is another program on port ${config.port}? Run npm run token with the PORT of your Recert.`
    );
  }
  return describeError(err);
}
