export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks `get` every `everyMs` until it answers a value (a failed ask counts as not yet); throws naming
 * `what` once `boundMs` has passed.
 */
export async function eventually<T>(
  what: string,
  get: () => Promise<T | undefined>,
  boundMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await get().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${boundMs / 1000} s`);
    await sleep(everyMs);
  }
}
