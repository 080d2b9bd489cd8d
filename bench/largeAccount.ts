// What the benchmarks share: a large synthetic account written straight into the database with
// generate_series (fast enough to reach 1,000,000 facts), and latency percentiles.
import type { Db } from '../src/db/db.js';
import { sql } from '../src/db/sql.js';

/** The last day with facts; benchmarks pin "now" to the day after. */
export const UNTIL = '2026-11-24';
export const NOW = new Date('2026-11-25T12:00:00Z');

/** Campaigns → ad sets → ads (25 × 8 × 10 per 2,000 ads) and `days` daily facts per ad, day-major. */
export async function seedAccount(
  db: Db,
  workspaceId: string,
  account: string,
  ads: number,
  days: number,
): Promise<void> {
  const [{ id: conn }] = await db.query<{ id: string }>(sql`
    insert into connections (workspace_id, external_account_id, currency, time_zone, last_synced_at)
    values (${workspaceId}, ${account}, 'EUR', 'Europe/Vienna', now()) returning id`);
  const prefix = account.slice(-3);
  const campaigns = Math.ceil(ads / 80);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, status, effective_status)
    select ${workspaceId}, ${conn}, 'campaign', ${prefix} || '1' || g, 'Campaign ' || g,
      case when g % 5 = 0 then 'PAUSED' else 'ACTIVE' end, case when g % 5 = 0 then 'PAUSED' else 'ACTIVE' end
    from generate_series(1, ${campaigns}::int) g`);
  await db.query(
    sql`update entities set campaign_id = id where connection_id = ${conn} and level = 'campaign'`,
  );
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, status, effective_status)
    select ${workspaceId}, ${conn}, 'adset', ${prefix} || '2' || g, 'Ad set ' || g, c.id, c.id, 'ACTIVE', c.effective_status
    from generate_series(1, ${ads / 10}::int) g
    join entities c on c.connection_id = ${conn} and c.external_id = ${prefix} || '1' || ((g - 1) / 8 + 1)`);
  await db.query(sql`update entities set adset_id = id where connection_id = ${conn} and level = 'adset'`);
  await db.query(sql`
    insert into entities (workspace_id, connection_id, level, external_id, name, parent_id, campaign_id, adset_id, status, effective_status)
    select ${workspaceId}, ${conn}, 'ad', ${prefix} || '3' || g, 'Ad ' || g, s.id, s.campaign_id, s.id, 'ACTIVE', s.effective_status
    from generate_series(1, ${ads}::int) g
    join entities s on s.connection_id = ${conn} and s.external_id = ${prefix} || '2' || ((g - 1) / 10 + 1)`);
  // in chunks of 50 days, so PGlite's memory stays bounded
  for (let start = days - 1; start >= 0; start -= 50) {
    const end = Math.max(0, start - 49);
    await db.query(sql`
      insert into metric_facts (entity_id, date, hour, workspace_id, connection_id, campaign_id, adset_id, spend,
        impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
      select a.id, ${UNTIL}::date - d, -1, ${workspaceId}, ${conn}, a.campaign_id, a.adset_id,
        (((a.id * 7919 + d * 104729) % 10000) / 100.0)::numeric(12, 2), (a.id * 31 + d * 17) % 5000, (a.id * 31 + d * 17) % 4000,
        (a.id + d) % 90, (a.id + d) % 70, (a.id + d) % 50, (a.id + d) % 7, (a.id + d) % 4,
        (((a.id * 13 + d * 7) % 20000) / 100.0)::numeric(12, 2), (a.id + d) % 3
      from generate_series(${start}::int, ${end}::int, -1) d
      cross join (select id, campaign_id, adset_id from entities where connection_id = ${conn} and level = 'ad') a
      order by d desc, a.id`);
  }
}

/** The value at percentile p (nearest rank) of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** "p50 12.3 ms  p95 45.6 ms" for a list of timings. */
export function figures(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms  p95 ${percentile(s, 95).toFixed(1)} ms`;
}
