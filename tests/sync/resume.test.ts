// A sync killed mid-way and run again ends with exactly the simulator's numbers: nothing doubled,
// nothing missing, and the windows the first run finished are not fetched again.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { listSyncRuns } from '../../src/db/syncRuns.js';
import { runSync } from '../../src/sync/syncService.js';
import { backends } from '../helpers/db.js';
import { factTotals, type SyncFixture, setUpSync, simulatorTotals } from './fixture.js';

// 90 days refused above 10 → windows of 6 days: enough windows to stop the run between two of them
const windows = { maxSyncInsightsDays: 10 };
// a process killed from outside needs the windows to take time; the rerun and the in-process abort
// (thrown from the progress callback, between two windows) do not, and run at full speed
const slowWindows = { ...windows, latencyMs: 100 };

function cliEnv(f: SyncFixture): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: f.t.url,
    ADNAVI_ENCRYPTION_KEY: f.key,
    META_GRAPH_URL: f.sim.url,
    META_API_VERSION: f.sim.version,
    LOG_LEVEL: 'silent',
  };
}

/** Runs `adnavi sync`; with killAfterWindows, SIGKILLs it once that many windows are checkpointed. */
function runCli(
  f: SyncFixture,
  killAfterWindows?: number,
): Promise<{ code: number | null; signal: string | null }> {
  const child = spawn(process.execPath, ['bin/adnavi.mjs', 'sync'], {
    env: cliEnv(f),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const p = JSON.parse(line) as { step?: string; windows_done?: number };
    if (killAfterWindows !== undefined && p.step === 'metrics' && (p.windows_done ?? 0) >= killAfterWindows) {
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

describe.each(backends)('resuming an interrupted sync on %s', { timeout: 120_000 }, (kind) => {
  let f: SyncFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it.runIf(kind === 'pg')('kill -9 of the CLI mid-sync, then a rerun, is exact', async () => {
    f = await setUpSync(kind, { faults: slowWindows });
    const killed = await runCli(f, 3);
    expect(killed.signal).toBe('SIGKILL');
    const [crashed] = await listSyncRuns(f.t.db, f.req.workspaceId);
    expect(crashed.status).toBe('running'); // left behind by the dead process
    f.sim.setFaults(windows);
    f.sim.resetCalls();
    const rerun = await runCli(f);
    expect(rerun.code).toBe(0);
    const [done, abandoned] = await listSyncRuns(f.t.db, f.req.workspaceId);
    expect(abandoned).toMatchObject({ id: crashed.id, status: 'failed' });
    expect(abandoned.error).toMatch(/abandoned/);
    expect(done).toMatchObject({ status: 'succeeded', resumed_from: crashed.id });
    expect(done.stats.windows_skipped).toBeGreaterThanOrEqual(3);
    f.sim.setFaults({});
    expect(await factTotals(f, done.range_since!, done.range_until!)).toEqual(
      await simulatorTotals(f.sim, done.range_since!, done.range_until!),
    );
  });

  it('a run aborted mid-way is resumed by the next one, skipping finished windows', async () => {
    f = await setUpSync(kind, { faults: windows });
    const abort = (p: { step: string; windowsDone: number }) => {
      if (p.step === 'metrics' && p.windowsDone >= 4) throw new Error('aborted by the test');
    };
    await expect(runSync(f.deps, f.req, abort)).rejects.toThrow('aborted by the test');
    const [aborted] = await listSyncRuns(f.t.db, f.req.workspaceId);
    expect(aborted.status).toBe('failed');
    const done = await runSync(f.deps, f.req);
    expect(done.resumed_from).toBe(aborted.id);
    expect(done.stats.windows_skipped).toBe(4);
    expect(done.stats.facts?.inserted).toBeGreaterThan(0);
    f.sim.setFaults({});
    expect(await factTotals(f, done.range_since!, done.range_until!)).toEqual(
      await simulatorTotals(f.sim, done.range_since!, done.range_until!),
    );
  });
});
