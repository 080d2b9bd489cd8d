// The embedded database and the demo encryption key live in ADNAVI_DATA_DIR: readable by the owner
// only, whatever the umask the process started with. PGlite creates its files through Node's fs with
// the default mode (0666 minus umask: world-readable, even world-writable under umask 0), so the
// process umask is tightened to 077 before PGlite opens, and what an older run left behind is
// tightened too: directories 0700, files 0600.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function ensurePrivateDir(dir: string): void {
  try {
    process.umask(0o077);
  } catch {
    // worker threads may not change the umask; the tightening below still runs after each open
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
}

function tighten(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
  }
}
