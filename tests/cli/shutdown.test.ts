// SIGTERM/SIGINT through the real command: a running server, worker or MCP server closes its
// database and lets go of the data dir's lock (exit 0, the orderly path, not the watchdog's 143),
// and a signal that comes while a command is still starting (migrating a fresh data dir) closes what
// is open and exits too, so no lock outlives its process for a reused pid to impersonate.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNewDataDir } from '../helpers/dataDir.js';

const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
// a hang fails the test; generous for a loaded 2-core machine where the CLI itself takes seconds to start
const EXIT_TIMEOUT_MS = 60_000;
let dataDir: string;
const fresh: string[] = [];
const lockFile = (dir: string) => join(dir, 'owner.lock');

beforeAll(async () => {
  const made = await openNewDataDir('adnavi-shutdown-');
  dataDir = made.dir;
  await made.db.close();
});
afterAll(() => {
  for (const dir of [dataDir, ...fresh]) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function start(args: string[], dir: string, env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH, ADNAVI_DATA_DIR: dir, LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => stderr, exited };
}

async function until(what: string, check: () => boolean, s: Started): Promise<void> {
  const deadline = Date.now() + EXIT_TIMEOUT_MS;
  while (!check()) {
    if (s.child.exitCode !== null) throw new Error(`exited before ${what}: ${s.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${EXIT_TIMEOUT_MS} ms: ${s.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(s: Started, signal: NodeJS.Signals) {
  s.child.kill(signal);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
  const outcome = await s.exited;
  clearTimeout(timer);
  expect(outcome.signal, 'the process hung and was killed').toBeNull();
  return outcome;
}

describe('stopping a command with a signal', { timeout: 3 * EXIT_TIMEOUT_MS }, () => {
  it.each([
    ['serve', ['serve'], 'running at', 'SIGTERM'],
    ['worker', ['worker', '--concurrency', '1', '--no-scheduler'], 'worker started', 'SIGTERM'],
    ['mcp', ['mcp'], 'MCP server ready', 'SIGINT'],
  ] as const)('%s closes its database and releases the data dir', async (_name, args, ready, signal) => {
    const s = start([...args], dataDir);
    await until(`"${ready}"`, () => s.stderr().includes(ready), s);
    // mcp answers before its database is open (tools/list needs none): wait for the open to begin
    await until('the lock', () => existsSync(lockFile(dataDir)), s);
    const outcome = await stop(s, signal);
    expect(outcome.code, s.stderr()).toBe(0);
    expect(existsSync(lockFile(dataDir))).toBe(false);
  });

  it('a signal while the server is still starting closes the database and exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adnavi-shutdown-fresh-'));
    fresh.push(dir);
    const s = start(['serve'], dir);
    // the lock is taken when the database opens, before the migrations of a fresh data dir run
    await until('the lock', () => existsSync(lockFile(dir)), s);
    const outcome = await stop(s, 'SIGTERM');
    expect(s.stderr()).not.toContain('running at');
    expect(outcome.code).toBe(143);
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});
