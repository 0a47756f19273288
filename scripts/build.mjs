// `npm run build`: the server (nest build), the web app (build:web) and the workflows' bundle, into dist/.
// With --if-stale (`npm start`), nothing is built when dist/ is newer than every source: a start picks up
// a developer's edits, and does not spend a minute rebuilding what has not changed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Written at the end of a build that succeeded, with the time it began as its modification time. */
const STAMP = path.join(root, 'dist', '.build-stamp');
/** What the build reads; a file edited, added or removed in them (a folder's time changes) makes dist stale. */
const SOURCES = ['src', 'workflows', 'activities', 'scripts', 'bench', 'web', 'test/support'];
const CONFIG = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const SKIP = new Set(['node_modules', 'dist']);

function newestIn(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (!SKIP.has(name)) newest = Math.max(newest, newestIn(path.join(entry, name)));
  }
  return newest;
}

function upToDate() {
  if (!fs.existsSync(STAMP)) return false;
  const built = fs.statSync(STAMP).mtimeMs;
  return [...SOURCES, ...CONFIG].every((entry) => newestIn(path.join(root, entry)) <= built);
}

function run(command, args) {
  const bin = path.join(root, 'node_modules', '.bin', command);
  const result = spawnSync(fs.existsSync(bin) ? bin : command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--if-stale')) {
  if (upToDate()) process.exit(0);
  console.log(
    fs.existsSync(STAMP)
      ? 'Sources changed since the last build: building…'
      : 'Building (once, about a minute)…',
  );
}
const began = new Date();
run('nest', ['build']);
run('npm', ['run', '-s', 'build:web']);
run(process.execPath, ['dist/scripts/bundle-workflows.js']);
fs.writeFileSync(STAMP, `${began.toISOString()}\n`);
fs.utimesSync(STAMP, began, began);
