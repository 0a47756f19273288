import * as fs from 'node:fs';
import type { AppConfig } from '../config/config.schema';
import { EMBEDDED } from '../config/oidc.config';
import type { DevSecrets } from './dev-keys';
import { devSecretsFile } from './embedded';
import { clientCredentialsToken, devPersonToken, tokenCache, type DevSignIn } from './scripted-sign-in';

/**
 * Tokens from the embedded development provider of a running Recert (scripts, benchmarks): a person's
 * through the code flow of the command-line client, the automation client's through client credentials;
 * each obtained once.
 */
export function embeddedTokens(config: AppConfig) {
  const issuer = config.oidc.issuer;
  const cached = tokenCache();
  return {
    person: (who: DevSignIn) =>
      cached(`${who.identity}|${(who.roles ?? []).join(',')}`, () =>
        devPersonToken(issuer, EMBEDDED.cliClientId, who),
      ),
    automation: () =>
      cached(EMBEDDED.automationClientId, () => {
        const secrets = JSON.parse(fs.readFileSync(devSecretsFile(config), 'utf8')) as DevSecrets;
        return clientCredentialsToken(
          issuer,
          EMBEDDED.automationClientId,
          secrets.clientSecrets[EMBEDDED.automationClientId],
        );
      }),
  };
}
