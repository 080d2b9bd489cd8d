// Whether dist/ (the compiled CLI, built by scripts/build.mjs on `npm ci`) was built from exactly the
// sources in this checkout: a hash over every file the build reads, stored in dist/ by the build and
// recomputed here at each start (a few milliseconds). Content, not mtimes: a checkout or an edit
// that changes nothing keeps the build, and any change at all makes bin/adnavi.mjs fall back to tsx.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');
export const HASH_FILE = join(DIST, '.source-hash');

/** The TypeScript sources the build compiles (tests excluded), sorted. */
export function sourceFiles() {
  return readdirSync(join(ROOT, 'src'), { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const extra of ['tsconfig.json', 'scripts/build.mjs']) hash.update(readFileSync(join(ROOT, extra)));
  for (const file of sourceFiles()) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(join(ROOT, 'src', file)));
  }
  return hash.digest('hex');
}

export function distIsFresh() {
  try {
    return readFileSync(HASH_FILE, 'utf8').trim() === sourceHash();
  } catch {
    return false; // never built, or half-built: its hash is written last
  }
}
