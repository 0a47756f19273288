import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { EMBEDDED } from '../../src/config/oidc.config';
import { projectRoot } from '../../src/config/project-root';

// From the project's root: tests load this file from test/, the stack's scripts from dist/test/.
const STANDALONE = path.join(projectRoot(), 'dist', 'src', 'dev-oidc', 'standalone.js');

/** Machine clients of the test issuer, with their secrets and the roles Recert gives them. */
export const TEST_CLIENTS = {
  root: { secret: 'root-secret-of-the-test-issuer', roles: ['admin'] },
  aud: { secret: 'aud-secret-of-the-test-issuer', roles: ['auditor'] },
  audit: { secret: 'audit-secret-of-the-test-issuer', roles: ['auditor'] },
  'provisioning-job': { secret: 'provisioning-secret-of-the-test-issuer', roles: ['provisioner'] },
} as const;
export type TestClient = keyof typeof TEST_CLIENTS;

export const RECERT_CLIENT = { id: 'recert', secret: 'recert-secret-of-the-test-issuer' };
export const CLI_CLIENT = 'recert-cli';
export const TEST_AUDIENCE = 'api://recert-tests';

/** Recert's OIDC settings for this issuer: its client, audience, role groups and machine clients' roles. */
export function recertOidcEnv(issuer: string): Record<string, string> {
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: RECERT_CLIENT.id,
    OIDC_CLIENT_SECRET: RECERT_CLIENT.secret,
    OIDC_AUDIENCE: TEST_AUDIENCE,
    OIDC_ADMIN_VALUES: EMBEDDED.adminGroup,
    OIDC_AUDITOR_VALUES: EMBEDDED.auditorGroup,
    OIDC_CLIENT_ROLES: JSON.stringify(
      Object.fromEntries(Object.entries(TEST_CLIENTS).map(([id, c]) => [id, c.roles])),
    ),
  };
}

export interface TestIssuer {
  issuer: string;
  port: number;
  stop(): Promise<void>;
}

/** Client metadata for the issuer: Recert's sign-in (redirecting to `publicUrls`), the command line, the machines. */
export function testClients(publicUrls: string[]) {
  return [
    {
      client_id: RECERT_CLIENT.id,
      client_secret: RECERT_CLIENT.secret,
      redirect_uris: publicUrls.map((u) => `${u}/auth/callback`),
      post_logout_redirect_uris: publicUrls.map((u) => `${u}/`),
    },
    {
      client_id: CLI_CLIENT,
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback'],
    },
    ...Object.entries(TEST_CLIENTS).map(([id, c]) => ({
      client_id: id,
      client_secret: c.secret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
  ];
}

/**
 * A development OpenID Provider in its own process and on its own port, as a production issuer is:
 * Recert is configured with its URL and finds everything else by discovery.
 */
export async function startTestIssuer(options: {
  secretsFile: string;
  port?: number;
  publicUrls?: string[];
  env?: Record<string, string>;
}): Promise<TestIssuer> {
  const child = spawn(process.execPath, [STANDALONE], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DEV_OIDC_PORT: String(options.port ?? 0),
      DEV_OIDC_AUDIENCE: TEST_AUDIENCE,
      DEV_OIDC_SECRETS_FILE: options.secretsFile,
      DEV_OIDC_CLIENTS: JSON.stringify(testClients(options.publicUrls ?? ['http://localhost:3000'])),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`test issuer exited with ${code}: ${stderr}`)));
  });
  const { issuer, port } = JSON.parse(first) as { issuer: string; port: number };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    issuer,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
