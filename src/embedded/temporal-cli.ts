import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../config/project-root';
import { downloadTemporalCli, DownloadUnreachable } from './temporal-cli-download';
import {
  cliBinaryName,
  releaseAssets,
  releasePlatform,
  TEMPORAL_CLI_VERSION,
  temporalCliBaseUrlFromEnv,
  type ReleasePlatform,
} from './temporal-cli-release';

export { TEMPORAL_CLI_VERSION } from './temporal-cli-release';

const MODULE = 'github.com/temporalio/cli/cmd/temporal';

function onPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function goBinary(): string | undefined {
  return (
    onPath('go', process.env.PATH ?? '') ??
    (fs.existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined)
  );
}

/** `go install module@version` into `dir` (GOBIN): the project's tool cache, not the user's Go bin. */
export function goInstall(go: string, module: string, version: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(go, ['install', `${module}@${version}`], {
    env: { ...process.env, GOBIN: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Builds the CLI from source so that `binary` (in a folder that exists) appears whole or not at all. */
export type BuildCli = (binary: string) => Promise<void>;

function goBuilder(): BuildCli | null {
  const go = goBinary();
  if (!go) return null;
  return async (binary) => {
    // go install may copy its result into GOBIN in place: a folder beside the cache, then one rename.
    const work = fs.mkdtempSync(`${binary}.go-`);
    try {
      goInstall(go, MODULE, TEMPORAL_CLI_VERSION, work);
      fs.renameSync(path.join(work, path.basename(binary)), binary);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  };
}

export interface TemporalCliSources {
  /** TEMPORAL_CLI_PATH: used as is. */
  explicit?: string;
  log?: (message: string) => void;
  /** Release assets' base (RECERT_TEMPORAL_CLI_BASE_URL, validated; GitHub by default). */
  baseUrl?: string;
  /** The tool cache, `.tools/temporal-v1.5.1/` by default. */
  cacheDir?: string;
  /** Folders searched for `temporal`, PATH by default. */
  searchPath?: string;
  /** This machine in the release's names; null where Temporal publishes no build. */
  target?: ReleasePlatform | null;
  /** The build from source used when the download is unreachable; null without Go. Go by default. */
  buildWithGo?: BuildCli | null;
  /** How long to wait for the download server to answer before falling back. */
  responseTimeoutMs?: number;
}

const RESPONSE_TIMEOUT_MS = 5_000;

/**
 * Finds the `temporal` CLI in this order: TEMPORAL_CLI_PATH, PATH, the project's tool cache; else
 * downloads Temporal's release for this machine (SHA-256 checked) into that cache; and only when the
 * download cannot be reached, builds it with Go. A download that fails its checksum is refused, never
 * replaced by a build: it is an incident, not an outage.
 */
export async function resolveTemporalCli(sources: TemporalCliSources = {}): Promise<string> {
  const log = sources.log ?? ((m: string) => console.log(m));
  if (sources.explicit) {
    if (!fs.existsSync(sources.explicit))
      throw new Error(`TEMPORAL_CLI_PATH points to a missing file: ${sources.explicit}`);
    return sources.explicit;
  }
  const binaryName = cliBinaryName();
  const found = onPath(binaryName, sources.searchPath ?? process.env.PATH ?? '');
  if (found) return found;
  const cacheDir = sources.cacheDir ?? path.join(projectRoot(), '.tools', `temporal-${TEMPORAL_CLI_VERSION}`);
  const binary = path.join(cacheDir, binaryName);
  if (fs.existsSync(binary)) return binary;

  const target = sources.target === undefined ? releasePlatform() : sources.target;
  let unavailable: string;
  if (target) {
    const where = `${target.os}/${target.arch}`;
    const baseUrl = sources.baseUrl ?? temporalCliBaseUrlFromEnv();
    const { archiveUrl } = releaseAssets(baseUrl, TEMPORAL_CLI_VERSION, target);
    log(`Downloading the Temporal CLI ${TEMPORAL_CLI_VERSION} for ${where} from ${archiveUrl}…`);
    const started = Date.now();
    try {
      const done = await downloadTemporalCli({
        baseUrl,
        version: TEMPORAL_CLI_VERSION,
        target,
        destination: binary,
        responseTimeoutMs: sources.responseTimeoutMs ?? RESPONSE_TIMEOUT_MS,
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(`Temporal CLI in ${binary} (${seconds} s; checksum verified, SHA-256 ${done.sha256})`);
      return binary;
    } catch (err) {
      if (!(err instanceof DownloadUnreachable)) throw err;
      unavailable = `the download is unreachable (${err.message})`;
    }
  } else {
    unavailable = `Temporal publishes no build for ${process.platform}/${process.arch}`;
  }

  const build = sources.buildWithGo === undefined ? goBuilder() : sources.buildWithGo;
  if (!build) {
    throw new Error(
      `No Temporal CLI: ${unavailable} and Go is not installed to build it. Set TEMPORAL_CLI_PATH to a temporal ` +
        `${TEMPORAL_CLI_VERSION} binary (https://github.com/temporalio/cli/releases), put temporal on PATH, ` +
        `mirror the release and set RECERT_TEMPORAL_CLI_BASE_URL, or install Go (https://go.dev/dl).`,
    );
  }
  log(
    `${capitalised(unavailable)}; building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go instead into ${cacheDir}, a few minutes once…`,
  );
  fs.mkdirSync(cacheDir, { recursive: true });
  await build(binary);
  return binary;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
