// Bundles src/ into dist/: dist/cli.js plus one chunk per lazily loaded command
// and the code they share, then writes the source hash that bin/adnavi.mjs checks before running
// dist/. A bundle because a cold start spent more time resolving and loading ~300 separate modules
// (ours, zod's, the MCP SDK's) than running them. Pure-JS packages listed in BUNDLED go into the
// bundle; every other package stays an import from node_modules (native parts, WebAssembly and files
// found from import.meta.url must stay where they are). zod and every package that checks zod classes
// are bundled together, so there is one zod. Paths to migrations/ and web/dist come from src/paths.ts,
// which finds the root by walking up, so they resolve from a chunk in dist/ as from src/.
// Runs on `npm ci` (scripts/prepare.mjs), in the test suite's global setup, and by hand
// (`npm run build:cli`). Does nothing when dist/ is already fresh.
// esbuild comes with tsx, a regular dependency; it strips types only (`npm run typecheck` checks them).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { DIST, distIsFresh, HASH_FILE, ROOT, sourceHash, sourceStamp } from '../bin/distFreshness.mjs';

const BUNDLED = new Set([
  'zod',
  '@asteasolutions/zod-to-openapi',
  '@modelcontextprotocol/sdk',
  'chrono-node',
  'fuse.js',
]);

function externalPackages() {
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return Object.keys(dependencies)
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

export async function buildCli({ force = false } = {}) {
  if (!force && distIsFresh()) return false;
  const stamp = sourceStamp(); // before the hash: an edit made during the build moves the stamp
  const hash = sourceHash();
  // built beside, then swapped in: a process starting meanwhile sees the old dist/ or none, never half of one
  const staging = join(ROOT, `.dist-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'src', 'cli.ts')],
    outdir: staging,
    bundle: true,
    splitting: true, // each command's module stays a chunk loaded only when it runs
    external: externalPackages(),
    format: 'esm',
    platform: 'node',
    target: 'node20.19', // engines
    // bundled CommonJS (ajv, under the MCP SDK) calls require(), which ESM output lacks
    banner: {
      js: "import { createRequire as __adnaviRequire } from 'node:module'; const require = __adnaviRequire(import.meta.url);",
    },
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
