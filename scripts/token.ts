import { parseArgs } from 'node:util';
import { type AppConfig, ConfigError, loadConfig } from '../src/config/config.schema';
import { EMBEDDED } from '../src/config/oidc.config';
import { embeddedTokens } from '../src/dev-oidc/dev-tokens';
import { tokenFailure } from '../src/dev-oidc/token-failure';

// Prints a bearer token from the embedded development provider of a running Recert (`npm start`):
//   npm run token -- --sub <identityKey> [--role admin|auditor …]   a person of the ledger
//   npm run token -- --client recert-automation                      the automation client (admin)
const ROLES = ['admin', 'auditor', 'reviewer'];
const usage = `usage: npm run token -- --sub <identityKey> [--role admin|auditor …]
       npm run token -- --client ${EMBEDDED.automationClientId}
       npm run token -- --help
(every active identity of the ledger is a reviewer; --role reviewer is implied)`;

/** A wrong command line: what is wrong in one line, then how it is used; exit 2. */
function refuse(problem: string): never {
  console.error(`npm run token: ${problem}\n${usage}`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        sub: { type: 'string' },
        role: { type: 'string', multiple: true },
        client: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    // parseArgs' own message names the option at fault (unknown, or missing its value).
    return refuse((err as Error).message);
  }
}

const values = readArgs();
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const roles = values.role ?? [];
if (Boolean(values.sub) === Boolean(values.client)) refuse('give either --sub or --client.');
if (values.client && values.client !== EMBEDDED.automationClientId) {
  refuse(`the only client is ${EMBEDDED.automationClientId}, not ${JSON.stringify(values.client)}.`);
}
const unknownRole = roles.find((r) => !ROLES.includes(r));
if (unknownRole !== undefined)
  refuse(`--role is one of ${ROLES.join(', ')}, not ${JSON.stringify(unknownRole)}.`);

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return process.exit(1);
  }
}

const config = readConfig();
if (!config.oidc.embedded) {
  console.error(
    'npm run token serves the embedded development provider; with OIDC_ISSUER, get tokens from your provider.',
  );
  process.exit(2);
}
const tokens = embeddedTokens(config);
// Async, so that a failure to read the provider's keys (Recert never started here) is reported as one.
const token = (async () =>
  values.client
    ? tokens.automation()
    : tokens.person({
        identity: values.sub!,
        roles: roles.filter((r): r is 'admin' | 'auditor' => r !== 'reviewer'),
      }))();
token.then(
  (t) => console.log(t),
  (err: unknown) => {
    console.error(`No token: ${tokenFailure(err, config)}`);
    process.exit(1);
  },
);
