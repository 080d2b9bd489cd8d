// Once per `vitest run`, before any worker starts: build the migrated templates (PGlite dump,
// PostgreSQL template database) and the unmigrated PGlite dump, so parallel workers copy them instead
// of racing to build them, and compile the CLI (dist/, if stale) so every test that spawns
// bin/adnavi.mjs runs the compiled code, as a user after `npm ci` does, instead of some compiling
// TypeScript at each start.
import { spawnSync } from 'node:child_process';
import { ADMIN_URL, backends } from './db.js';
import { pgliteEmptyDump, pgliteTemplateDump, pgTemplateName } from './templateDb.js';

export default async function setup(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`compiling the CLI failed: ${build.stderr}`);
  await pgliteTemplateDump();
  await pgliteEmptyDump();
  if (backends.includes('pg')) await pgTemplateName(ADMIN_URL);
}
