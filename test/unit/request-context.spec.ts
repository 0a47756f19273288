import type { NextFunction, Request, Response } from 'express';
import { currentRequestId, enterRequestContext } from '../../src/common/request-context';

const request = (id?: string) => ({ headers: id ? { 'x-request-id': id } : {} }) as unknown as Request;

describe('the request context (common/request-context.ts)', () => {
  it('gives the request id to everything the request awaits, and nothing outside it', async () => {
    const seen = await new Promise<(string | null)[]>((done) => {
      const next: NextFunction = () => {
        const ids = [currentRequestId()];
        void new Promise((r) => setTimeout(r, 5))
          .then(() => ids.push(currentRequestId()))
          .then(() => done(ids));
      };
      enterRequestContext(request('req-1'), {} as Response, next);
    });
    expect(seen).toEqual(['req-1', 'req-1']);
    expect(currentRequestId()).toBeNull();
  });

  it('keeps concurrent requests apart', async () => {
    const idAfter = (id: string, ms: number) =>
      new Promise<string | null>((done) =>
        enterRequestContext(request(id), {} as Response, () => {
          setTimeout(() => done(currentRequestId()), ms);
        }),
      );
    expect(await Promise.all([idAfter('a', 10), idAfter('b', 1)])).toEqual(['a', 'b']);
  });
});
