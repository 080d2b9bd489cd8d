// The browser tests need web/dist: build it when it is missing or older than any source it is built
// from (the web app and the chat protocol it bundles).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'src/server/chatProtocol.ts',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function ensureWebBuild(): void {
  let built = 0;
  try {
    built = statSync(join(ROOT, 'web/dist/index.html')).mtimeMs;
  } catch {
    built = 0;
  }
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (built > newest) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('web build failed');
}
