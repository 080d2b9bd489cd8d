import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadToken, saveToken } from '../../src/db/tokens.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { logger } from '../../src/log.js';
import { waitForBackgroundSyncs } from '../../src/sync/syncService.js';
import type { ToolContext } from '../../src/tools/types.js';
import { backends } from '../helpers/db.js';
import { call } from '../helpers/fixtures.js';
import { type SyncFixture, setUpSync } from '../sync/fixture.js';

describe.each(backends)('trigger_sync and sync_status against the simulator on %s', (kind) => {
  let f: SyncFixture;
  let ctx: ToolContext;
  beforeAll(async () => {
    f = await setUpSync(kind);
    ctx = {
      db: f.t.db,
      config: f.deps.config,
      keyring: f.deps.keyring,
      workspaceId: DEFAULT_WORKSPACE_ID,
      log: logger,
      now: f.deps.now,
    };
  });
  afterAll(async () => f?.close());

  it('starts a run, reports its progress, and the synced data becomes queryable and fresh', async () => {
    const before = await call('list_connections', {}, ctx);
    expect(before.connections[0].last_synced_at).toBeNull();

    const started = await call('trigger_sync', {}, ctx);
    expect(started.runs).toHaveLength(1);
    expect(started.runs[0].connection_id).toBe(f.connection.id);
    await waitForBackgroundSyncs();

    const status = await call('sync_status', { run_id: started.runs[0].run_id }, ctx);
    expect(status.runs[0]).toMatchObject({
      id: started.runs[0].run_id,
      status: 'succeeded',
      account_id: f.connection.external_account_id,
    });
    expect(status.runs[0].progress.rows).toBeGreaterThan(0);
    expect(status.runs[0].finished_at).not.toBeNull();

    const after = await call('list_connections', {}, ctx);
    expect(after.connections[0].last_synced_at).not.toBeNull();
    const metrics = await call(
      'get_metrics',
      { metrics: ['spend', 'impressions'], range: { preset: 'maximum' } },
      ctx,
    );
    expect(metrics.data_as_of).toBe(after.connections[0].last_synced_at);
    expect(metrics.totals.impressions).toBeGreaterThan(0);
    expect(metrics.currency).toBe(f.connection.currency);
  });

  it("shows the token's expiry and scopes, never the token", async () => {
    const stored = await loadToken(f.t.db, f.deps.keyring, f.connection.id);
    const expiresAt = new Date('2027-01-20T10:00:00.000Z');
    const scope = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: f.connection.id };
    await saveToken(f.t.db, f.deps.keyring, scope, stored!.token, { expiresAt, scopes: ['ads_read'] });
    const { connections } = await call('list_connections', {}, ctx);
    expect(connections[0]).toMatchObject({
      token_expires_at: expiresAt.toISOString(),
      token_scopes: ['ads_read'],
    });
    expect(JSON.stringify(connections)).not.toContain(stored!.token);
  });

  it('says when a range reaches back before the first synced day, and only then', async () => {
    const { runs } = await call('sync_status', {}, ctx);
    const firstSynced = runs.find((r: { status: string }) => r.status === 'succeeded')!.range!.since;
    const wide = await call(
      'get_metrics',
      { metrics: ['spend'], range: { since: '2024-01-01', until: firstSynced } },
      ctx,
    );
    expect(wide.synced_since).toBe(firstSynced);
    const covered = await call(
      'get_metrics',
      { metrics: ['spend'], range: { since: firstSynced, until: firstSynced } },
      ctx,
    );
    expect(covered).not.toHaveProperty('synced_since');
    const listed = await call('list_entities', { range: { preset: 'last_year' } }, ctx);
    expect(listed.synced_since).toBe(firstSynced);
  });
});
