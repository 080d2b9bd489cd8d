import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { waitForBackgroundSyncs } from '../../src/sync/syncService.js';
import { type SyncFixture, setUpSync } from './fixture.js';

describe('sync REST routes', { timeout: 90_000 }, () => {
  let f: SyncFixture | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await waitForBackgroundSyncs();
    await server?.close();
    await f?.close();
    f = undefined;
  });

  it('starts a sync (202), reports the running one, and serves runs of this workspace only', async () => {
    f = await setUpSync('pglite', { faults: { latencyMs: 30 } });
    server = await startServer(
      { db: f.t.db, config: f.deps.config, keyring: f.deps.keyring },
      0,
      '127.0.0.1',
    );
    const post = (body: unknown) =>
      fetch(`${server!.url}/api/connections/${f!.connection.id}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = await post({});
    expect(first.status).toBe(202);
    const a = (await first.json()) as { run_id: string; already_running: boolean };
    expect(a.already_running).toBe(false);
    const second = (await (await post({ full: true })).json()) as {
      run_id: string;
      already_running: boolean;
    };
    expect(second).toEqual({ run_id: a.run_id, already_running: true });
    expect((await post({ from: 'yesterday' })).status).toBe(400);
    await waitForBackgroundSyncs();

    const run = (await (await fetch(`${server.url}/api/sync-runs/${a.run_id}`)).json()) as { status: string };
    expect(run.status).toBe('succeeded');
    const list = (await (
      await fetch(`${server.url}/api/sync-runs?connection_id=${f.connection.id}&limit=5`)
    ).json()) as {
      runs: { id: string }[];
    };
    expect(list.runs.map((r) => r.id)).toEqual([a.run_id]);
    expect((await fetch(`${server.url}/api/sync-runs/8d3c3b9e-1111-4a4a-8888-000000000000`)).status).toBe(
      404,
    );
    expect(
      (
        await fetch(`${server.url}/api/connections/8d3c3b9e-1111-4a4a-8888-000000000000/sync`, {
          method: 'POST',
        })
      ).status,
    ).toBe(404);
  });
});
