// Whether dist/ (the compiled CLI, built by scripts/build.mjs on `npm ci`) was built from exactly the
// sources in this checkout: a hash over every file the build reads, stored in dist/ by the build.
// Content decides, not mtimes: a checkout or an edit that changes nothing keeps the build, and any
// change at all makes bin/adnavi.mjs fall back to tsx. Reading and hashing every source costs ~40 ms
// of each start, so the build also stores each file's size and mtime: when none moved, the hash is
// not recomputed (one stat a file instead).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');
export const HASH_FILE = join(DIST, '.source-hash');
export const STAMP_FILE = join(DIST, '.source-stamp');
// package.json: the bundle holds its version, and its dependencies decide what is bundled
const EXTRA_INPUTS = ['tsconfig.json', 'scripts/build.mjs', 'package.json'];

/** The TypeScript sources the build compiles (tests excluded), sorted. */
export function sourceFiles() {
  return readdirSync(join(ROOT, 'src'), { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const extra of EXTRA_INPUTS) hash.update(readFileSync(join(ROOT, extra)));
  for (const file of sourceFiles()) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(join(ROOT, 'src', file)));
  }
  return hash.digest('hex');
}

/** Every input's path, size and mtime: equal to the build's, the sources were not touched since. */
export function sourceStamp() {
  const paths = [...EXTRA_INPUTS, ...sourceFiles().map((f) => join('src', f))];
  return JSON.stringify(
    paths.map((p) => {
      const { size, mtimeMs } = statSync(join(ROOT, p));
      return [p, size, mtimeMs];
    }),
  );
}

export function distIsFresh() {
  try {
    if (readFileSync(STAMP_FILE, 'utf8') === sourceStamp()) return true;
  } catch {
    // no stamp (an older build) or a source gone: the hash decides
  }
  try {
    return readFileSync(HASH_FILE, 'utf8').trim() === sourceHash();
  } catch {
    return false; // never built, or half-built: its hash is written last
  }
}
