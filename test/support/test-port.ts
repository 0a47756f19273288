import * as net from 'node:net';

/**
 * Ports for servers the tests start, free of two races that `listen(0)`-then-close has under parallel
 * workers: two workers handed the same port between look-up and listen, and an outgoing connection taking
 * the port as its source port meanwhile. Each jest worker draws from a block of its own below the
 * kernel's ephemeral range (32768+ here), which outgoing connections never use.
 */
const FIRST = 10_000;
const BLOCK = 1_000;
const BLOCKS = 22;

const worker = Number(process.env.JEST_WORKER_ID ?? 0);
const base = FIRST + (worker % BLOCKS) * BLOCK;
// Another jest run on the machine (another checkout) has the same worker ids; a random start keeps apart.
let next = Math.floor(Math.random() * BLOCK);

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port of this worker's block that nothing listens on now. */
export async function testPort(): Promise<number> {
  for (let tried = 0; tried < BLOCK; tried++) {
    const port = base + (next++ % BLOCK);
    if (await free(port)) return port;
  }
  throw new Error(`no free port in ${base}–${base + BLOCK - 1}`);
}
