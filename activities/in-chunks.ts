import { Context } from '@temporalio/activity';

/** Starts or signals workflows a few dozen at a time, reporting progress so a retry resumes. */
export async function inChunks<T>(
  list: T[],
  work: (item: T, index: number) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < list.length; i += 50) {
    await Promise.all(list.slice(i, i + 50).map((item, k) => work(item, i + k)));
    Context.current().heartbeat(i);
  }
}
