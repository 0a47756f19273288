import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

/** Passes bytes through, and fails the stream once more than `limit` have come. */
export function sizeLimit(limit: number, tooLarge: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(tooLarge());
      else done(null, chunk);
    },
  });
}

/** `input` through sizeLimit, its errors passed on: what a reader of an uploaded body reads from. */
export function limitedBody(input: Readable, limit: number, tooLarge: () => Error): Transform {
  const counted = sizeLimit(limit, tooLarge);
  input.on('error', (err) => counted.destroy(err));
  return input.pipe(counted);
}
