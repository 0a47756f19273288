import { z } from 'zod';
import { optionalText } from '../config/env-fields';

/** The Temporal CLI release Recert runs; its dev server's Temporal version is the one the tests know. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export const TEMPORAL_CLI_RELEASES = 'https://github.com/temporalio/cli/releases/download';

/**
 * RECERT_TEMPORAL_CLI_BASE_URL: where the release assets are fetched from, laid out as GitHub does
 * (`<base>/v1.5.1/<asset>`), so that a company mirror or a test server can stand in for GitHub.
 */
export const temporalCliBaseUrl = optionalText.pipe(
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as ' + TEMPORAL_CLI_RELEASES })
    .refine((url) => !/[?#]/.test(url), 'must not carry a query or fragment: assets are appended to it')
    .transform((url) => url.replace(/\/+$/, ''))
    .default(TEMPORAL_CLI_RELEASES),
);

/** The base URL named by the environment, refused with the variable's name when it is not one. */
export function temporalCliBaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = temporalCliBaseUrl.safeParse(env.RECERT_TEMPORAL_CLI_BASE_URL);
  if (!parsed.success) {
    throw new Error(`RECERT_TEMPORAL_CLI_BASE_URL ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

export interface ReleasePlatform {
  /** goreleaser's names: linux/darwin/windows, amd64/arm64. */
  os: string;
  arch: string;
}

const OS: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const ARCH: Partial<Record<NodeJS.Architecture, string>> = { x64: 'amd64', arm64: 'arm64' };

/** The release's name for this machine, or null where Temporal publishes no build. */
export function releasePlatform(
  platform: NodeJS.Platform = process.platform,
  arch: NodeJS.Architecture = process.arch,
): ReleasePlatform | null {
  const os = OS[platform];
  const goArch = ARCH[arch];
  return os && goArch ? { os, arch: goArch } : null;
}

/** The binary inside the archive, and in the tool cache. */
export function cliBinaryName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'temporal.exe' : 'temporal';
}

/** As the CLI's .goreleaser.yml names them: `temporal_cli_{{.Version}}_{{.Os}}_{{.Arch}}` and `checksums.txt`. */
export function releaseAssets(baseUrl: string, version: string, target: ReleasePlatform) {
  const archive = `temporal_cli_${version.replace(/^v/, '')}_${target.os}_${target.arch}.tar.gz`;
  const folder = `${baseUrl}/${version}`;
  return { archive, archiveUrl: `${folder}/${archive}`, checksumsUrl: `${folder}/checksums.txt` };
}
