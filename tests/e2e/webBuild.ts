// The browser tests need web/dist: build it when it is missing or older than any source it is built
// from (the web app and the chat protocol it bundles). Test files run in parallel workers, so the
// build happens under a lock: two builds at once would empty web/dist under each other.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'src/server/chatProtocol.ts',
  'src/display',
  'src/metrics.ts',
  'src/auth/metaScopes.ts',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isFresh(): boolean {
  let built = 0;
  try {
    built = statSync(join(ROOT, 'web/dist/index.html')).mtimeMs;
  } catch {
    built = 0;
  }
  return built > Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
}

const LOCK = join(ROOT, 'test-artifacts', '.web-build.lock');
/** A lock older than this is left over from a killed run. */
const STALE_LOCK_MS = 5 * 60_000;

function withLock(fn: () => void): void {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(LOCK); // atomic: exactly one worker creates it
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
          rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      Atomics.wait(wait, 0, 0, 200);
    }
  }
  try {
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureWebBuild(): void {
  if (isFresh()) return;
  withLock(() => {
    if (isFresh()) return; // another worker built it while we waited
    const result = spawnSync(
      'npx',
      ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error('web build failed');
  });
}
