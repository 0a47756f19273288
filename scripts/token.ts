import { parseArgs } from 'node:util';
import { signToken } from '../src/auth/tokens';
import { ROLES, Role } from '../src/auth/roles';
import { loadConfig } from '../src/config/config.schema';

// Prints a bearer token for the API: npm run token -- --sub <identityKey> --role admin|reviewer|auditor
const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string', multiple: true },
    ttl: { type: 'string', default: '43200' },
  },
});
const roles = values.role ?? [];
if (!values.sub || roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
  console.error(
    `usage: npm run token -- --sub <identityKey> --role ${ROLES.join('|')} [--role …] [--ttl seconds]`,
  );
  process.exit(2);
}
const config = loadConfig();
console.log(signToken(config.jwtSecret, values.sub, roles as Role[], Number(values.ttl)));
