import { defineConfig } from 'vitest/config';

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
