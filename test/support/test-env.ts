
/** What globalSetup started, handed to the test files through the environment. */
export interface TestEnv {
  adminDatabaseUrl: string;
  temporalAddress: string;
  namespace: string;
  workflowBundlePath: string;
}

export const ENV_KEY = 'RECERT_TEST_ENV';

export function readTestEnv(): TestEnv {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error('test environment missing: run the tests through `npm test`');
  return JSON.parse(raw) as TestEnv;
}
