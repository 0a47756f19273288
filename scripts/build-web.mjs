// The web app's part of `npm run build`. A running Recert serves dist/web as it is being rebuilt, so the
// app is built beside it (dist/web-<time>) and dist/web, a symbolic link, is turned to it in one rename:
// a request sees the old build or the new one, never half of one. The assets of the previous build are
// kept (hashed names never collide) for pages loaded before the swap, and the build before it goes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const live = path.join(dist, 'web');
const name = `web-${Date.now()}-${process.pid}`;
const next = path.join(dist, name);

await build({
  configFile: fileURLToPath(new URL('../web/vite.config.mjs', import.meta.url)),
  logLevel: 'warn',
  // The manifest lists a build's own files: the next build carries those, not what this one carried.
  build: { outDir: next, emptyOutDir: true, manifest: true },
});

/** The files the live build made itself (all of its assets when it has no manifest). */
function ownFiles(dir) {
  const manifest = path.join(dir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifest)) {
    const assets = path.join(dir, 'assets');
    return fs.existsSync(assets) ? fs.readdirSync(assets).map((f) => `assets/${f}`) : [];
  }
  const chunks = Object.values(JSON.parse(fs.readFileSync(manifest, 'utf8')));
  return chunks.flatMap((c) => [c.file, ...(c.css ?? []), ...(c.assets ?? [])]);
}

for (const file of fs.existsSync(live) ? ownFiles(live) : []) {
  const target = path.join(next, file);
  if (!fs.existsSync(target) && fs.existsSync(path.join(live, file))) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(live, file), target);
  }
}

const stat = fs.lstatSync(live, { throwIfNoEntry: false });
let replaced;
if (stat?.isSymbolicLink()) replaced = fs.readlinkSync(live);
else if (stat) {
  // A dist/web of before this layout (a real folder) cannot be swapped in one rename: moved aside once.
  replaced = `web-${Date.now()}-moved`;
  fs.renameSync(live, path.join(dist, replaced));
}
const link = path.join(dist, `.${name}.link`);
fs.symlinkSync(name, link);
fs.renameSync(link, live);

// Kept: the new build and the one just replaced (a request may still be reading it); older ones go.
for (const entry of fs.readdirSync(dist)) {
  if (/^web-\d+-/.test(entry) && entry !== name && entry !== replaced) {
    fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
  }
}
