import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { cleanUp, StartProcess, startEnv } from './support/start-process';
import { printTiming } from './support/timing';

/** The step of `npm run build` that replaces dist/web, which a running Recert serves. */
const BUILD_WEB = path.join(__dirname, '..', 'scripts', 'build-web.mjs');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('a build beside a running Recert', () => {
  const starts: StartProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let base: string;
  afterAll(() => cleanUp(starts, env?.DATA_DIR));

  beforeAll(async () => {
    let port: number;
    ({ env, port } = await startEnv());
    base = `http://127.0.0.1:${port}`;
    const recert = new StartProcess(env);
    starts.push(recert);
    await recert.waitFor('  Stop:');
  }, 120_000);

  const scriptOf = async (page: Response) => {
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (!script) throw new Error(`no script in the page:\n${html.slice(0, 500)}`);
    return script;
  };

  it('keeps answering the page and its assets while the web app is rebuilt, and after', async () => {
    const before = await fetch(`${base}/`);
    expect(before.status).toBe(200);
    const oldScript = await scriptOf(before);

    const answers: string[] = [];
    const ask = async (url: string) => {
      try {
        const res = await fetch(`${base}${url}`);
        await res.arrayBuffer();
        answers.push(`${res.status} ${url}`);
      } catch (err) {
        answers.push(`${String(err)} ${url}`);
      }
    };

    const t0 = Date.now();
    const build = spawn(process.execPath, [BUILD_WEB], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    build.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const built = new Promise<number | null>((resolve) => build.on('exit', resolve));
    let building = true;
    void built.then(() => (building = false));
    let rounds = 0;
    while (building) {
      await Promise.all([ask('/'), ask('/reviews'), ask(oldScript)]);
      rounds++;
      await sleep(20);
    }
    // On failure, its output says why.
    expect({ code: await built, stderr }).toMatchObject({ code: 0 });
    printTiming(`web build beside a running Recert (${rounds} rounds of requests)`, Date.now() - t0);

    const after = await fetch(`${base}/`);
    expect(after.status).toBe(200);
    const newScript = await scriptOf(after);
    await Promise.all([ask('/'), ask(oldScript), ask(newScript)]);

    expect(rounds).toBeGreaterThan(10);
    expect(answers.filter((a) => !a.startsWith('200 '))).toEqual([]);
  }, 180_000);
});
