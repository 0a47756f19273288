import { ensureStack } from './global-resources';

/** The workflow, end-to-end and browser tiers: PostgreSQL, Temporal, the workflows' bundle, the test issuer. */
export default async function globalSetup(): Promise<void> {
  await ensureStack();
}
