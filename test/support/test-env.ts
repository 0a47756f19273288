/** What globalSetup started, handed to the test files through the environment. */
export interface TestEnv {
  adminDatabaseUrl: string;
  temporalAddress: string;
  /** One namespace per test file, so workflow ids such as campaign-CAMP-000001 never collide. */
  namespaces: Record<string, string>;
  workflowBundlePath: string;
  /** The OpenID Provider of the tests, a separate process on its own port. */
  issuer: string;
}

export const ENV_KEY = 'RECERT_TEST_ENV';

export function readTestEnv(): TestEnv {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error('test environment missing: run the tests through `npm test`');
  return JSON.parse(raw) as TestEnv;
}

export function namespaceFor(testFile: string): string {
  return `recert-test-${testFile.replace(/\.spec\.ts$/, '').replace(/[^a-z0-9-]/gi, '-')}`;
}
