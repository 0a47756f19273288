import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface DevSecrets {
  /** Private signing keys (RS256 first: every relying party supports it; ES256 beside it). */
  keys: JWK[];
  /** Keys of the provider's own cookies. */
  cookieKeys: string[];
  /** Client secrets by client id, generated once. */
  clientSecrets: Record<string, string>;
}

async function signingKey(alg: 'RS256' | 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return {
    ...(await exportJWK(privateKey)),
    alg,
    use: 'sig',
    kid: `${alg.toLowerCase()}-${randomBytes(6).toString('hex')}`,
  };
}

/**
 * The development provider's keys and secrets, kept in a file (mode 0600) so that tokens and the sign-in
 * of a running Recert survive a restart of the provider. Deleting the file rotates every key.
 */
export async function loadDevSecrets(file: string, clientIds: string[]): Promise<DevSecrets> {
  let secrets: DevSecrets | undefined;
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as DevSecrets;
  if (!secrets) {
    secrets = {
      keys: [await signingKey('RS256'), await signingKey('ES256')],
      cookieKeys: [randomBytes(32).toString('base64url')],
      clientSecrets: {},
    };
  }
  const missing = clientIds.filter((id) => !secrets.clientSecrets[id]);
  for (const id of missing) secrets.clientSecrets[id] = randomBytes(24).toString('base64url');
  if (missing.length > 0 || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
