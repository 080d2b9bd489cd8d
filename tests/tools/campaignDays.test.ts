// metric_campaign_days (migration 0003) must always equal the sums of the whole-day facts it stands
// for: after inserts, restated numbers, hourly rows, a campaign removed under its facts and deletions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import {
  addFacts,
  call,
  makeCampaignTree,
  makeConnection,
  makeWorkspace,
  toolContext,
} from '../helpers/fixtures.js';

describe.each(backends)('campaign-day sums on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  async function mismatches(workspaceId: string) {
    return t.db.query(sql`
      with facts as (
        select connection_id, coalesce(campaign_id, 0) as campaign_id, date, sum(spend) as spend, sum(clicks) as clicks
        from metric_facts where workspace_id = ${workspaceId} and hour = -1 group by 1, 2, 3),
      days as (
        select connection_id, campaign_id, date, spend, clicks from metric_campaign_days
        where workspace_id = ${workspaceId} and (spend <> 0 or clicks <> 0))
      select * from facts full join days using (connection_id, campaign_id, date)
      where facts.spend is distinct from days.spend or facts.clicks is distinct from days.clicks`);
  }

  it('stays equal to the facts through restatements, hourly rows and deletions', async () => {
    const workspaceId = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId);
    const a = await makeCampaignTree(t.db, { workspaceId, connectionId });
    const b = await makeCampaignTree(t.db, { workspaceId, connectionId });
    const ctx = toolContext(t.db, workspaceId);
    const range = { since: '2026-11-01', until: '2026-11-25' };
    await addFacts(t.db, a.ad, [
      { date: '2026-11-10', spend: '1.10', clicks: 1 },
      { date: '2026-11-11', spend: '2.20', clicks: 2 },
    ]);
    await addFacts(t.db, b.ad, [{ date: '2026-11-10', spend: '4.00', clicks: 4 }]);
    expect(await mismatches(workspaceId)).toEqual([]);

    // Meta restates a day; an hourly row arrives (never part of daily sums)
    await addFacts(t.db, a.ad, [
      { date: '2026-11-10', spend: '1.15', clicks: 1 },
      { date: '2026-11-11', spend: '2.20', clicks: 2 },
      { date: '2026-11-11', hour: 3, spend: '50.00', clicks: 50 },
    ]);
    expect(await mismatches(workspaceId)).toEqual([]);
    expect((await call('get_metrics', { metrics: ['spend', 'clicks'], range }, ctx)).totals).toEqual({
      spend: 7.35,
      clicks: 7,
    });

    // the campaign row goes away (facts keep their numbers, campaign_id set null); then an ad is deleted
    await t.db.query(sql`delete from entities where id = ${b.campaign.id}`);
    expect(await mismatches(workspaceId)).toEqual([]);
    expect((await call('get_metrics', { metrics: ['spend'], range }, ctx)).totals).toEqual({ spend: 7.35 });
    await t.db.query(sql`delete from entities where id = ${a.ad.id}`);
    expect(await mismatches(workspaceId)).toEqual([]);
    expect((await call('get_metrics', { metrics: ['spend'], range }, ctx)).totals).toEqual({ spend: 4 });
  });
});
