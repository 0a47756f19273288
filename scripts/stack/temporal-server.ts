import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/config/project-root';
import { goBinary, goInstall } from '../../src/embedded/temporal-cli';

/** The compose file's `temporalio/server` and `temporalio/admin-tools` version. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';

export interface TemporalServerTools {
  /** `server --root … --config … --env … --allow-no-auth start` */
  server: string;
  /** `temporal-sql-tool` (installed by go as `sql`) */
  sqlTool: string;
  /** The module's schema/postgresql/v12, with temporal/ and visibility/ versioned folders. */
  schemaDir: string;
}

/**
 * The production Temporal server and its schema tool, built once with Go from the module proxy into the
 * project's tool cache (as the Temporal CLI is); the schema files are those of the same module version.
 */
export function resolveTemporalServer(log: (m: string) => void = console.log): TemporalServerTools {
  const go = goBinary();
  if (!go)
    throw new Error('The production Temporal server is built with Go: install Go (https://go.dev/dl).');
  const dir = path.join(projectRoot(), '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const tools = { server: path.join(dir, 'server'), sqlTool: path.join(dir, 'sql') };
  for (const [binary, cmd] of [
    [tools.server, 'cmd/server'],
    [tools.sqlTool, 'cmd/tools/sql'],
  ] as const) {
    if (fs.existsSync(binary)) continue;
    log(`Building ${MODULE}/${cmd} ${TEMPORAL_SERVER_VERSION} with Go into ${dir} (once; several minutes)…`);
    goInstall(go, `${MODULE}/${cmd}`, TEMPORAL_SERVER_VERSION, dir);
  }
  const modCache = execFileSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const schemaDir = path.join(
    modCache,
    `${MODULE}@${TEMPORAL_SERVER_VERSION}`,
    'schema',
    'postgresql',
    'v12',
  );
  if (!fs.existsSync(schemaDir)) {
    // The module's source leaves the cache with `go clean -modcache`; fetching it again restores it.
    execFileSync(go, ['mod', 'download', `${MODULE}@${TEMPORAL_SERVER_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return { ...tools, schemaDir };
}
