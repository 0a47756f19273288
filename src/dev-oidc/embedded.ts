import * as path from 'node:path';
import type { AppConfig } from '../config/config.schema';
import { EMBEDDED } from '../config/oidc.config';
import type { Database } from '../database/database';
import { LedgerLookupRepository } from '../ledger';
import { LedgerAccounts } from './dev-accounts';
import { createDevProvider, type NodeHandler } from './dev-oidc-provider';
import { loadDevSecrets } from './dev-keys';
import { postgresState } from './dev-oidc-state';

/** Where the embedded provider keeps its keys and the secrets of its clients. */
export const devSecretsFile = (config: AppConfig) => path.join(config.dataDir, 'dev-oidc.json');

const CLIENT_IDS = [EMBEDDED.clientId, EMBEDDED.cliClientId, EMBEDDED.automationClientId];

/**
 * The development provider served by the app at /dev-oidc when no OIDC_ISSUER is configured, with three
 * clients: Recert's own sign-in, the command line (`npm run token`), and an automation client (admin).
 * Returns the configuration with Recert's client secret filled in.
 */
export async function embeddedProvider(
  config: AppConfig,
  db: Database,
): Promise<{ handler: NodeHandler; config: AppConfig }> {
  const secrets = await loadDevSecrets(devSecretsFile(config), CLIENT_IDS);
  const { handler } = await createDevProvider({
    issuer: config.oidc.issuer,
    audience: config.oidc.audience,
    secrets,
    accounts: new LedgerAccounts(db, new LedgerLookupRepository()),
    state: postgresState(db),
    devRoles: config.oidc.dev,
    clients: [
      {
        client_id: EMBEDDED.clientId,
        client_secret: secrets.clientSecrets[EMBEDDED.clientId],
        redirect_uris: [config.oidc.session.redirectUri],
        post_logout_redirect_uris: [config.oidc.session.postLogoutRedirectUri],
      },
      {
        client_id: EMBEDDED.cliClientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
      },
      {
        client_id: EMBEDDED.automationClientId,
        client_secret: secrets.clientSecrets[EMBEDDED.automationClientId],
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
  });
  return {
    handler,
    config: { ...config, oidc: { ...config.oidc, clientSecret: secrets.clientSecrets[EMBEDDED.clientId] } },
  };
}
