// Start-up failures, through the real command: one line naming the setting and what to do, a
// non-zero exit, within seconds (the child is killed at the timeout, which fails the test), and no
// work done first (a taken port is found before the demo sync touches the data dir).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { backends } from '../helpers/db.js';
import { freePort } from '../helpers/freePort.js';

const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'adnavi-startup-'));
// generous for a loaded shared machine (tsx compiles the CLI at each start: ~1 s quiet, 20 s here at
// load 25); a hang still fails the test
const CHILD_TIMEOUT_MS = 90_000;

interface Outcome {
  code: number | null;
  signal: string | null;
  stderr: string;
}

function adnavi(args: string[], env: Record<string, string | undefined>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {
        env: {
          ...process.env,
          ADNAVI_DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          DATABASE_URL: undefined,
          ...env,
        },
        timeout: CHILD_TIMEOUT_MS,
      },
      (_err, _stdout, stderr) => resolve({ code: child.exitCode, signal: child.signalCode, stderr }),
    );
  });
}

function oneLine(out: Outcome): string {
  expect(out.signal, 'the process hung and was killed').toBeNull();
  expect(out.code).toBe(1);
  const lines = out.stderr.trim().split('\n');
  expect(lines, out.stderr).toHaveLength(1);
  return lines[0];
}

let taken: Server;
let takenPort: number;
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(() => {
  taken.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('start-up errors', { timeout: CHILD_TIMEOUT_MS + 15_000 }, () => {
  it.each(['start', 'serve'])('adnavi %s on a taken PORT says so before doing any work', async (command) => {
    const line = oneLine(await adnavi([command], { PORT: String(takenPort) }));
    expect(line).toContain(`PORT ${takenPort} is already in use`);
    expect(line).toContain('set PORT');
    expect(readdirSync(dataDir)).toEqual([]); // no database opened, no demo synced
  });

  it('adnavi start with a token Meta refuses names META_ACCESS_TOKEN, before any work', async () => {
    const sim = await startSimulator();
    try {
      const out = await adnavi(['start'], {
        PORT: String(await freePort()),
        META_GRAPH_URL: sim.url,
        META_API_VERSION: sim.version,
        META_ACCESS_TOKEN: 'EAAnot-a-token-meta-knows',
        META_AD_ACCOUNT_ID: sim.accounts[0].id,
      });
      const line = oneLine(out);
      expect(line).toContain(`META_ACCESS_TOKEN: Meta refused this token for ${sim.accounts[0].id}`);
      expect(line).toContain('set META_ACCESS_TOKEN');
      expect(line).not.toContain('Settings'); // no server started to have Settings
      expect(readdirSync(dataDir)).toEqual([]); // no database opened
    } finally {
      await sim.close();
    }
  });

  it('an unreachable DATABASE_URL is named, with what to do', async () => {
    const port = await freePort();
    const line = oneLine(
      await adnavi(['serve'], {
        PORT: String(await freePort()),
        DATABASE_URL: `postgres://u@127.0.0.1:${port}/x`,
      }),
    );
    expect(line).toContain(`DATABASE_URL: no PostgreSQL answers at 127.0.0.1:${port}`);
  });

  it.runIf(backends.includes('pg'))('an unknown role and a missing database are named', async () => {
    const role = oneLine(
      await adnavi(['migrate'], { DATABASE_URL: 'postgres://adnavi_no_such_role@127.0.0.1:5432/postgres' }),
    );
    expect(role).toContain('DATABASE_URL: PostgreSQL at 127.0.0.1:5432 refused role "adnavi_no_such_role"');
    const db = oneLine(
      await adnavi(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/adnavi_no_such_db' }),
    );
    expect(db).toContain('DATABASE_URL: database "adnavi_no_such_db" does not exist');
  });
});
