import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.schema';
import { EMBEDDED } from '../src/config/oidc.config';
import { embeddedTokens } from '../src/dev-oidc/dev-tokens';

// Prints a bearer token from the embedded development provider of a running Recert (`npm start`):
//   npm run token -- --sub <identityKey> [--role admin|auditor …]   a person of the ledger
//   npm run token -- --client recert-automation                      the automation client (admin)
const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string', multiple: true },
    client: { type: 'string' },
  },
});
const roles = values.role ?? [];
const usage = `usage: npm run token -- --sub <identityKey> [--role admin|auditor …]
       npm run token -- --client ${EMBEDDED.automationClientId}
(every active identity of the ledger is a reviewer; --role reviewer is implied)`;
if (
  Boolean(values.sub) === Boolean(values.client) ||
  (values.client && values.client !== EMBEDDED.automationClientId) ||
  roles.some((r) => !['admin', 'auditor', 'reviewer'].includes(r))
) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfig();
if (!config.oidc.embedded) {
  console.error(
    'npm run token serves the embedded development provider; with OIDC_ISSUER, get tokens from your provider.',
  );
  process.exit(2);
}
const tokens = embeddedTokens(config);
const token = values.client
  ? tokens.automation()
  : tokens.person({
      identity: values.sub!,
      roles: roles.filter((r): r is 'admin' | 'auditor' => r !== 'reviewer'),
    });
token.then(
  (t) => console.log(t),
  (err: unknown) => {
    console.error(`No token: ${(err as Error).message} (is Recert running with \`npm start\`?)`);
    process.exit(1);
  },
);
