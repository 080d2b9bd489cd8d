// One owner per embedded data dir: a second process refuses with one line naming the owner; a lock
// left by a dead process is taken over; opens within one process share the lock until the last close.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/dataDirLock.js';

const run = promisify(execFile);
const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'adnavi-lock-'));
  dirs.push(dir);
  return dir;
};
const lockFile = (dir: string) => join(dir, 'owner.lock');
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded data dir lock', () => {
  it('makes a second process refuse with one line naming the owner, and open nothing', async () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    try {
      const env = { PATH: process.env.PATH, ADNAVI_DATA_DIR: dir, LOG_LEVEL: 'silent' };
      const failed = await run(process.execPath, [bin, 'ask', 'what campaigns are live?'], {
        env,
        timeout: 60_000,
      }).then(
        () => undefined,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failed?.code).toBe(1);
      const lines = failed?.stderr.trim().split('\n') ?? [];
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`is in use by`);
      expect(lines[0]).toContain(`pid ${process.pid}`);
      expect(existsSync(join(dir, 'pglite'))).toBe(false);
    } finally {
      release();
    }
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = freshDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: dead, command: 'serve', since: '2026-01-01T00:00:00Z' }),
    );
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('is shared by opens in one process until the last one lets go', () => {
    const dir = freshDir();
    const first = lockDataDir(dir);
    const second = lockDataDir(dir);
    first();
    first(); // a second release of the same hold changes nothing
    expect(existsSync(lockFile(dir))).toBe(true);
    second();
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});
