// Compiles src/ to dist/ (one .js per .ts, same layout, so paths taken from import.meta.url such as
// the migrations folder and web/dist resolve the same from both), then writes the source hash that
// bin/adnavi.mjs checks before running dist/. Runs on `npm ci` (scripts/prepare.mjs), in the test
// suite's global setup, and by hand (`npm run build:cli`). Does nothing when dist/ is already fresh.
// esbuild comes with tsx, a regular dependency; it strips types only (`npm run typecheck` checks them).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import {
  DIST,
  distIsFresh,
  HASH_FILE,
  ROOT,
  sourceFiles,
  sourceHash,
  sourceStamp,
} from '../bin/distFreshness.mjs';

export async function buildCli({ force = false } = {}) {
  if (!force && distIsFresh()) return false;
  const stamp = sourceStamp(); // before the hash: an edit made during the build moves the stamp
  const hash = sourceHash();
  // built beside, then swapped in: a process starting meanwhile sees the old dist/ or none, never half of one
  const staging = join(ROOT, `.dist-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: sourceFiles().map((f) => join(ROOT, 'src', f)),
    outbase: join(ROOT, 'src'),
    outdir: staging,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20.19', // engines; keeps import attributes (package.json is imported as JSON)
    logLevel: 'warning',
  });
  writeFileSync(join(staging, '.source-hash'), hash);
  writeFileSync(join(staging, '.source-stamp'), stamp);
  const old = join(ROOT, `.dist-old-${process.pid}`);
  try {
    renameSync(DIST, old);
  } catch {
    // no dist/ yet
  }
  try {
    renameSync(staging, DIST);
  } catch (err) {
    // another build (a parallel test run) swapped its own in first: the same sources give the same output
    rmSync(staging, { recursive: true, force: true });
    if (!distIsFresh()) throw err;
  }
  rmSync(old, { recursive: true, force: true });
  return HASH_FILE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildCli({ force: process.argv.includes('--force') });
  console.error(built ? `adnavi: compiled src/ to dist/` : 'adnavi: dist/ is up to date');
}
