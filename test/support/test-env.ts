import * as path from 'node:path';

/** What the integration tier's globalSetup started: a PostgreSQL server, each file creating its database. */
export interface DatabaseEnv {
  adminDatabaseUrl: string;
}

/** What the workflow, end-to-end and browser tiers' globalSetup started, handed to the test files through the environment. */
export interface TestEnv extends DatabaseEnv {
  temporalAddress: string;
  /** One namespace per test file (key: its path under test/), so workflow ids such as campaign-CAMP-000001 never collide. */
  namespaces: Record<string, string>;
  workflowBundlePath: string;
  /** The OpenID Provider of the tests, a separate process on its own port. */
  issuer: string;
}

export const ENV_KEY = 'RECERT_TEST_ENV';

/** The folder every test file lives under; files are known by their path below it. */
export const TEST_ROOT = path.resolve(__dirname, '..');

function readEnv(): Partial<TestEnv> {
  const raw = process.env[ENV_KEY];
  if (!raw)
    throw new Error('test environment missing: run the tests through `npm test` (or jest with its config)');
  return JSON.parse(raw) as Partial<TestEnv>;
}

export function readDatabaseEnv(): DatabaseEnv {
  const env = readEnv();
  if (!env.adminDatabaseUrl) throw new Error('test environment has no PostgreSQL');
  return { adminDatabaseUrl: env.adminDatabaseUrl };
}

/**
 * Everything globalSetup started. In the integration tier (PostgreSQL only) reading a Temporal field fails
 * with a message saying where such a test belongs, rather than with an undefined address later.
 */
export function readTestEnv(): TestEnv {
  const env = readEnv();
  if (!env.adminDatabaseUrl) throw new Error('test environment has no PostgreSQL');
  for (const key of ['temporalAddress', 'namespaces', 'workflowBundlePath', 'issuer'] as const) {
    if (env[key] !== undefined) continue;
    Object.defineProperty(env, key, {
      get: () => {
        throw new Error(
          `this jest project starts no Temporal nor test issuer (no ${key}): a test that needs them ` +
            'belongs in test/workflow, the end-to-end or the browser tier, not test/integration',
        );
      },
    });
  }
  return env as TestEnv;
}

/** A test file's key: its path under test/, with forward slashes (`campaign-items.spec.ts`, `workflow/x.spec.ts`). */
export function testFileKey(testPath: string): string {
  return path.relative(TEST_ROOT, path.resolve(testPath)).split(path.sep).join('/');
}

export function namespaceFor(key: string): string {
  return `recert-test-${key.replace(/\.spec\.ts$/, '').replace(/[^a-z0-9-]/gi, '-')}`;
}

/** The namespace globalSetup registered for the test file at `testPath`. */
export function namespaceOf(testPath: string): string {
  const key = testFileKey(testPath);
  return readTestEnv().namespaces[key] ?? namespaceFor(key);
}
