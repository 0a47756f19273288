import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../config/project-root';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function goBinary(): string | undefined {
  return onPath('go') ?? (fs.existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** `go install module@version` into `dir` (GOBIN): the project's tool cache, not the user's Go bin. */
export function goInstall(go: string, module: string, version: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(go, ['install', `${module}@${version}`], {
    env: { ...process.env, GOBIN: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Finds the `temporal` CLI in the order PRODUCT.md §2 gives: TEMPORAL_CLI_PATH, PATH, the project's
 * tool cache, else builds it with `go install` into that cache. Returns undefined when none applies, so
 * the caller can fall back to the SDK's own download.
 */
export function resolveTemporalCli(
  explicit?: string,
  log: (m: string) => void = console.log,
): string | undefined {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`TEMPORAL_CLI_PATH points to a missing file: ${explicit}`);
    return explicit;
  }
  const found = onPath('temporal');
  if (found) return found;
  const cacheDir = path.join(projectRoot(), '.tools', `temporal-${TEMPORAL_CLI_VERSION}`);
  const cached = path.join(cacheDir, 'temporal');
  if (fs.existsSync(cached)) return cached;
  const go = goBinary();
  if (!go) return undefined;
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${cacheDir} (once; a few minutes)…`);
  goInstall(go, MODULE, TEMPORAL_CLI_VERSION, cacheDir);
  return cached;
}
