import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  call,
  makeCampaignTree,
  makeConnection,
  makeSyncRun,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

const RANGE = { since: '2026-11-01', until: '2026-11-24' };

describe.each(backends)('workspace isolation on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  async function account(spend: string) {
    const workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId);
    const tree = await makeCampaignTree(t.db, { workspaceId, connectionId });
    await addFacts(t.db, tree.ad, [{ date: '2026-11-10', spend }]);
    const runId = await makeSyncRun(t.db, { workspaceId, connectionId });
    return { workspaceId, connectionId, tree, runId, ctx: toolContext(t.db, workspaceId) };
  }

  it('no tool reads or touches another workspace', async () => {
    const mine = await account('1.00');
    const theirs = await account('1000.00');
    const { ctx } = mine;

    const list = await call('list_entities', { range: RANGE, status: 'any', level: 'ad' }, ctx);
    expect(list.rows.map((r: { id: string }) => r.id)).toEqual([mine.tree.ad.externalId]);
    const under = await call(
      'list_entities',
      { range: RANGE, parent_id: theirs.tree.campaign.externalId },
      ctx,
    );
    expect(under.rows).toEqual([]);

    const totals = await call('get_metrics', { metrics: ['spend'], range: RANGE }, ctx);
    expect(totals.totals.spend).toBe(1);
    const theirIds = await call(
      'get_metrics',
      { metrics: ['spend'], range: RANGE, filters: { entity_ids: [theirs.tree.campaign.externalId] } },
      ctx,
    );
    expect(theirIds.totals.spend).toBe(0);
    const theirConnection = await call(
      'get_metrics',
      {
        metrics: ['spend'],
        range: RANGE,
        group_by: 'campaign',
        filters: { connection_id: theirs.connectionId },
      },
      ctx,
    );
    expect(theirConnection.totals.spend).toBe(0);
    expect(theirConnection.rows).toEqual([]);

    const compared = await call('compare_periods', { metrics: ['spend'], range: RANGE }, ctx);
    expect(compared.current.totals.spend).toBe(1);
    expect(compared.movers.map((m: { id: string }) => m.id)).toEqual([mine.tree.campaign.externalId]);

    const connections = await call('list_connections', {}, ctx);
    expect(connections.connections.map((c: { id: string }) => c.id)).toEqual([mine.connectionId]);

    const runs = await call('sync_status', {}, ctx);
    expect(runs.runs.map((r: { id: string }) => r.id)).toEqual([mine.runId]);
    expect(runs.runs[0]).toMatchObject({
      status: 'succeeded',
      range: { since: '2026-11-01', until: '2026-11-24' },
      progress: { step: 'done', rows: 48 },
    });
    await expect(call('sync_status', { run_id: theirs.runId }, ctx)).rejects.toBeInstanceOf(NotFoundError);
    await expect(call('trigger_sync', { connection_id: theirs.connectionId }, ctx)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const theirRuns = await call('sync_status', {}, theirs.ctx);
    expect(theirRuns.runs).toHaveLength(1);
  });
});
