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
