import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { types } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { describeError } from './describe-error';
import { cliBinaryName, releaseAssets, type ReleasePlatform } from './temporal-cli-release';

/** The release could not be fetched (no network, a timeout, an HTTP error): a build from source may stand in. */
export class DownloadUnreachable extends Error {}

/** What was fetched is not what Temporal published: an incident to look at, never papered over. */
export class DownloadRefused extends Error {}

export interface DownloadRequest {
  baseUrl: string;
  version: string;
  target: ReleasePlatform;
  /** Where the binary goes; it appears there only whole and verified (a rename), so its presence means good. */
  destination: string;
  /** The first answer, and then each pause while the body streams, must come within this. */
  responseTimeoutMs: number;
}

export interface Downloaded {
  sha256: string;
}

// The archive is ~25 MB; a mirror that sends far more is not serving the release.
const MAX_BYTES = 256 * 1024 * 1024;

/** Fetches the release archive and its checksums, verifies the SHA-256, and installs the `temporal` binary. */
export async function downloadTemporalCli(request: DownloadRequest): Promise<Downloaded> {
  const { archive, archiveUrl, checksumsUrl } = releaseAssets(
    request.baseUrl,
    request.version,
    request.target,
  );
  const checksums = (await fetchBytes(checksumsUrl, request.responseTimeoutMs)).toString('utf8');
  const expected = publishedDigest(checksums, archive, checksumsUrl);
  const bytes = await fetchBytes(archiveUrl, request.responseTimeoutMs);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) {
    throw new DownloadRefused(
      `The Temporal CLI archive ${archiveUrl} does not match the SHA-256 published in ${checksumsUrl}: ` +
        `expected ${expected}, got ${actual}. Refused; nothing was installed. Run again; if it persists, ` +
        `the download (or the mirror in RECERT_TEMPORAL_CLI_BASE_URL) is not what Temporal published: ` +
        `report it, and meanwhile set TEMPORAL_CLI_PATH to a temporal binary you trust.`,
    );
  }
  await installBinary(bytes, archive, request.destination);
  return { sha256: actual };
}

async function fetchBytes(url: string, timeoutMs: number): Promise<Buffer> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  };
  arm();
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok || !response.body) throw new DownloadUnreachable(`HTTP ${response.status} from ${url}`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      arm();
      size += chunk.byteLength;
      if (size > MAX_BYTES) throw new DownloadRefused(`${url} sent more than ${MAX_BYTES} bytes: refused`);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks, size);
  } catch (err) {
    if (err instanceof DownloadUnreachable || err instanceof DownloadRefused) throw err;
    throw new DownloadUnreachable(`${url}: ${reason(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** fetch's errors may come from another realm (jest's), where `instanceof Error` fails: read them by shape. */
function reason(err: unknown): string {
  if (!types.isNativeError(err)) return describeError(err);
  const { code, cause, errors } = err as NodeJS.ErrnoException & { errors?: unknown[] };
  const text =
    err.message || (Array.isArray(errors) ? errors.map(reason).join('; ') : '') || code || err.name;
  return cause === undefined ? text : `${text}: ${reason(cause)}`;
}

/** goreleaser's checksums.txt: one `<sha256>  <file name>` line per asset. */
function publishedDigest(checksums: string, archive: string, checksumsUrl: string): string {
  for (const line of checksums.split('\n')) {
    const [digest, name] = line.trim().split(/\s+\*?/);
    if (name === archive && /^[0-9a-f]{64}$/i.test(digest)) return digest.toLowerCase();
  }
  throw new DownloadRefused(
    `${checksumsUrl} publishes no SHA-256 for ${archive}: refused, nothing was installed`,
  );
}

/** Extracts the binary beside its destination and renames it into place once whole and on disk. */
async function installBinary(archiveBytes: Buffer, archive: string, destination: string): Promise<void> {
  const binary = cliBinaryName();
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const part = `${destination}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  try {
    let found = false;
    const extract = tar.extract();
    extract.on('entry', (header, entry, next) => {
      if (!found && header.type === 'file' && header.name.replace(/^\.\//, '') === binary) {
        found = true;
        pipeline(entry, fs.createWriteStream(part, { mode: 0o755, flags: 'wx' })).then(() => next(), next);
      } else {
        entry.on('end', () => next());
        entry.resume();
      }
    });
    await pipeline(Readable.from([archiveBytes]), createGunzip(), extract);
    if (!found) throw new DownloadRefused(`${archive} holds no ${binary}: refused, nothing was installed`);
    const handle = await fs.promises.open(part, 'r');
    await handle.sync().finally(() => handle.close());
    await fs.promises.rename(part, destination);
  } finally {
    fs.rmSync(part, { force: true });
  }
}
