import { stopAll } from './global-resources';

/** Shared by every project that starts something: jest runs it once, after all of them. */
export default async function globalTeardown(): Promise<void> {
  await stopAll();
}
