import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder holding package.json, whether code runs from src/ (tests) or dist/ (build). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
