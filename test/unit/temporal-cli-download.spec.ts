import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { testPort } from '../support/test-port';
import { resolveTemporalCli, type BuildCli } from '../../src/embedded/temporal-cli';
import {
  releaseAssets,
  releasePlatform,
  TEMPORAL_CLI_VERSION,
  temporalCliBaseUrlFromEnv,
} from '../../src/embedded/temporal-cli-release';

const VERSION_LINE = 'temporal version 1.5.1 (served by the test)';
const target = releasePlatform()!;

/** A release-shaped archive, as goreleaser writes it: the binary and LICENSE at the top. */
async function releaseArchive(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'LICENSE' }, 'MIT License');
  pack.entry({ name: 'temporal', mode: 0o755 }, `#!/bin/sh\necho '${VERSION_LINE}'\n`);
  pack.finalize();
  return buffer(pack.pipe(createGzip()));
}

/** Serves `<base>/v1.5.1/<archive>` and `checksums.txt` the way GitHub's release downloads do. */
async function releaseServer(archive: Buffer, published: Buffer) {
  const { archive: name } = releaseAssets('', TEMPORAL_CLI_VERSION, target);
  const sha = createHash('sha256').update(published).digest('hex');
  const checksums = `${'0'.repeat(64)}  temporal_cli_1.5.1_other_arch.tar.gz\n${sha}  ${name}\n`;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/releases/${TEMPORAL_CLI_VERSION}/checksums.txt`) res.end(checksums);
    else if (req.url === `/releases/${TEMPORAL_CLI_VERSION}/${name}`) res.end(archive);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/releases`,
    requests,
    sha,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the Temporal CLI: found, else downloaded and verified, else built with Go', () => {
  let work: string;
  let cacheDir: string;
  let archive: Buffer;
  let builds: string[];
  const logs: string[] = [];
  const recordingBuild: BuildCli = async (binary) => {
    builds.push(binary);
    fs.writeFileSync(binary, '#!/bin/sh\necho built\n', { mode: 0o755 });
  };
  const sources = (baseUrl: string) => ({
    baseUrl,
    cacheDir,
    searchPath: '',
    target,
    log: (m: string) => logs.push(m),
    buildWithGo: recordingBuild,
  });

  beforeAll(async () => {
    archive = await releaseArchive();
  });
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-cli-download-'));
    cacheDir = path.join(work, 'temporal-v1.5.1');
    builds = [];
    logs.length = 0;
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('downloads the release archive, checks its SHA-256, installs a runnable binary, then uses the cache', async () => {
    const server = await releaseServer(archive, archive);
    try {
      const cli = await resolveTemporalCli(sources(server.baseUrl));
      expect(cli).toBe(path.join(cacheDir, 'temporal'));
      expect(execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim()).toBe(VERSION_LINE);
      expect(fs.readdirSync(cacheDir)).toEqual(['temporal']);
      expect(server.requests).toHaveLength(2);
      expect(logs.join('\n')).toContain(
        `Downloading the Temporal CLI v1.5.1 for ${target.os}/${target.arch}`,
      );
      expect(logs.join('\n')).toContain(`checksum verified, SHA-256 ${server.sha}`);

      expect(await resolveTemporalCli(sources(server.baseUrl))).toBe(cli);
      expect(server.requests).toHaveLength(2);
      expect(builds).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('refuses an archive whose bytes differ from the published digest, and installs nothing', async () => {
    const corrupted = Buffer.from(archive);
    corrupted[corrupted.length >> 1] ^= 0xff;
    const actual = createHash('sha256').update(corrupted).digest('hex');
    const server = await releaseServer(corrupted, archive);
    try {
      const failure = resolveTemporalCli(sources(server.baseUrl));
      await expect(failure).rejects.toThrow(`expected ${server.sha}, got ${actual}`);
      await expect(failure).rejects.toThrow(/Refused; nothing was installed/);
      expect(fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []).toEqual([]);
      // An incident, not an outage: no build from source hides it.
      expect(builds).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('builds with Go within seconds when the download is unreachable', async () => {
    const closedPort = await testPort();
    const started = Date.now();
    const cli = await resolveTemporalCli(sources(`http://127.0.0.1:${closedPort}/releases`));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(builds).toEqual([path.join(cacheDir, 'temporal')]);
    expect(cli).toBe(builds[0]);
    expect(logs.at(-1)).toMatch(
      /^The download is unreachable \(.*ECONNREFUSED.*\); building the Temporal CLI v1\.5\.1 with Go/,
    );
  });

  it('gives up on a server that does not answer after the response timeout, and builds with Go', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      await resolveTemporalCli({ ...sources(`http://127.0.0.1:${port}`), responseTimeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(builds).toHaveLength(1);
      expect(logs.at(-1)).toContain('no answer within 300 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('builds with Go when the mirror lacks the release (HTTP 404)', async () => {
    const server = await releaseServer(archive, archive);
    try {
      await resolveTemporalCli(sources(`${server.baseUrl}/elsewhere`));
      expect(builds).toHaveLength(1);
      expect(logs.at(-1)).toContain('HTTP 404');
    } finally {
      await server.close();
    }
  });

  it('builds with Go where Temporal publishes no build', async () => {
    await resolveTemporalCli({ ...sources('http://127.0.0.1:9'), target: null });
    expect(builds).toHaveLength(1);
    expect(logs).toEqual([expect.stringMatching(/^Temporal publishes no build for .*; building/)]);
  });

  it('without the download and without Go, says in one line what to set', async () => {
    const closedPort = await testPort();
    const failure = resolveTemporalCli({
      ...sources(`http://127.0.0.1:${closedPort}`),
      buildWithGo: null,
    });
    await expect(failure).rejects.toThrow(
      /^No Temporal CLI: the download is unreachable \(.*\) and Go is not installed to build it\. Set TEMPORAL_CLI_PATH/,
    );
    await expect(failure).rejects.toThrow(/RECERT_TEMPORAL_CLI_BASE_URL, or install Go/);
    const message = await failure.catch((err: Error) => err.message);
    expect(message).not.toContain('\n');
  });

  it('takes TEMPORAL_CLI_PATH, then PATH, before any download', async () => {
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'temporal'), '', { mode: 0o755 });
    const unreachable = { ...sources('http://127.0.0.1:9'), buildWithGo: null };
    expect(await resolveTemporalCli({ ...unreachable, explicit: '/bin/sh' })).toBe('/bin/sh');
    expect(await resolveTemporalCli({ ...unreachable, searchPath: bin })).toBe(path.join(bin, 'temporal'));
    await expect(resolveTemporalCli({ ...unreachable, explicit: path.join(work, 'none') })).rejects.toThrow(
      /TEMPORAL_CLI_PATH points to a missing file/,
    );
  });

  it('validates RECERT_TEMPORAL_CLI_BASE_URL', () => {
    expect(temporalCliBaseUrlFromEnv({})).toBe('https://github.com/temporalio/cli/releases/download');
    expect(
      temporalCliBaseUrlFromEnv({ RECERT_TEMPORAL_CLI_BASE_URL: 'https://mirror.example/temporal/' }),
    ).toBe('https://mirror.example/temporal');
    expect(() => temporalCliBaseUrlFromEnv({ RECERT_TEMPORAL_CLI_BASE_URL: 'ftp://mirror.example' })).toThrow(
      /^RECERT_TEMPORAL_CLI_BASE_URL must be an http\(s\) URL/,
    );
    expect(() =>
      temporalCliBaseUrlFromEnv({ RECERT_TEMPORAL_CLI_BASE_URL: 'https://m.example/?v=1' }),
    ).toThrow(/must not carry a query/);
  });
});
