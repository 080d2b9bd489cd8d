// The checkout's root (where package.json, migrations/ and web/dist live). Found by walking up from
// this module rather than by a fixed count of '..': the same code runs from src/ (tsx, tests) and
// bundled into a chunk directly in dist/ (scripts/build.mjs), which sit at different depths.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
