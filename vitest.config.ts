import { accessSync, constants, statSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Temporary files go to memory where the machine has a tmpfs (Linux's /dev/shm), unless TMPDIR says
// otherwise. The suite creates tens of thousands of small files: data dirs loaded from the migrated
// template for the spawned CLIs, the databases those CLIs write, Chromium's and Firefox's profiles.
// Creating one costs ~0.75 ms on this machine's ext4 disk and ~0.01 ms on tmpfs. Set here, before the
// global setup and the workers start, so every process of the run (and each child) sees one temp dir.
if (!process.env.TMPDIR && isWritableDir('/dev/shm')) process.env.TMPDIR = '/dev/shm';

function isWritableDir(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share their worker process instead of each getting a new one, so the app (pg-boss,
    // express, the MCP SDK, zod schemas) is imported once per worker, not once per file: that import
    // was ~4 s of every file on a loaded 2-core machine. Safe here because no test mocks a module,
    // stubs a global or changes process.env (the one umask change is restored in its finally).
    isolate: false,
    globalSetup: ['tests/helpers/globalSetup.ts'],
    // 3 on the 2-core machine: files wait on PostgreSQL, Chromium, child processes and the simulator
    // as well as computing, and a third worker fills those waits (quiet, whole suite, paired:
    // 155.2 / 155.7 s with 3 against 160.7 / 173.1 s with 2; 4 gave 157.5 s)
    maxWorkers: 3,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
