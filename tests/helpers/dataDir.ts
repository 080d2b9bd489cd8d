// A new embedded data dir (ADNAVI_DATA_DIR) for tests that spawn the real CLI on it. It starts as a
// copy of the migrated template (templateDb.ts) instead of running initdb and every migration, which
// cost each such file ~3 s on a quiet machine and up to 30 s on a loaded one. The result is what a
// person's data dir holds after `adnavi migrate`; tests about creating a fresh dir use an empty one.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/db.js';
import { pgliteDir } from '../../src/db/open.js';
import { openPgliteDb } from '../../src/db/pgliteDb.js';
import { pgliteTemplateDump } from './templateDb.js';

/** A migrated data dir in the OS temp dir, open here: close it before a child process opens it. */
export async function openNewDataDir(prefix: string): Promise<{ dir: string; db: Db }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const db = await openPgliteDb(pgliteDir(dir), { from: await pgliteTemplateDump(), quickStart: true });
  return { dir, db };
}
