// Hourly questions through the offline assistant, against the simulator's demo account on a pinned
// clock (14:30 in Los Angeles): the account is synced, then refreshed hourly (yesterday and today),
// and every expected number comes from the simulator's own hourly insights over HTTP.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/assistant/answerText.js';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { logger } from '../../src/log.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { HOURLY_BREAKDOWN } from '../../src/sync/insightsMapping.js';
import { runSync } from '../../src/sync/syncService.js';
import type { ToolContext } from '../../src/tools/types.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { connectAndSyncDemoAccount, graphList } from '../helpers/simulatorAccount.js';

const NOW = new Date('2026-11-25T22:30:00Z'); // 14:30 PST
const TODAY = '2026-11-25';
const YESTERDAY = '2026-11-24';

interface HourRow {
  spend?: string;
  clicks?: string;
  hourly_stats_aggregated_by_advertiser_time_zone: string;
}

/** hour → { spend, clicks } for one day, from the simulator's account-level hourly insights. */
async function simulatorHours(sim: Simulator, day: string) {
  const rows = await graphList<HourRow>(sim, `${sim.accounts[0].id}/insights`, {
    level: 'account',
    fields: 'spend,clicks',
    breakdowns: HOURLY_BREAKDOWN,
    time_range: JSON.stringify({ since: day, until: day }),
  });
  const hours = new Map<number, { spend: number; clicks: number }>();
  for (const r of rows)
    hours.set(Number(r.hourly_stats_aggregated_by_advertiser_time_zone.slice(0, 2)), {
      spend: Number(r.spend ?? 0),
      clicks: Number(r.clicks ?? 0),
    });
  return hours;
}

const cents = (n: number) => Math.round(n * 100);
const sumThrough = (hours: Map<number, { spend: number }>, last: number) =>
  [...hours].filter(([h]) => h <= last).reduce((s, [, v]) => s + cents(v.spend), 0) / 100;

describe.each(backends)('hourly questions on %s', { timeout: 180_000 }, (kind) => {
  let sim: Simulator;
  let t: TestDb;
  let ctx: ToolContext;
  const assistant = createAssistant(loadConfig({}));
  beforeAll(async () => {
    const now = () => NOW;
    sim = await startSimulator({ now });
    t = await createTestDb(kind);
    const { config, keyring, connection } = await connectAndSyncDemoAccount(t.db, sim, {
      now,
      backfillDays: 3,
    });
    const deps = { db: t.db, config, keyring, now };
    await runSync(deps, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      connectionId: connection.id,
      from: YESTERDAY,
      to: TODAY,
      hourly: true,
    });
    ctx = { db: t.db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger, now };
  });
  afterAll(async () => {
    await t?.drop();
    await sim?.close();
  });

  it('"spend by hour today" lists every hour so far, the running one marked, summing to the total', async () => {
    const hours = await simulatorHours(sim, TODAY);
    const r = await assistant.ask('spend by hour today', { ctx });
    const call = r.toolCalls.find((c) => c.name === 'get_metrics');
    const out = call?.output as { currency: string; totals: { spend: number }; rows: unknown[] };
    expect(call?.input).toMatchObject({ group_by: 'hour', range: { preset: 'today' } });
    expect(out.rows).toHaveLength(15); // 00:00 … 14:00
    expect(out.totals.spend).toBe(sumThrough(hours, 14));
    expect(r.answer).toContain(formatMetric('spend', out.totals.spend, out.currency));
    expect(r.answer).toContain('through 14:59');
    expect(r.answer).toContain(
      `14:00 (still running): spend ${formatMetric('spend', hours.get(14)?.spend ?? 0, out.currency)}`,
    );
    expect(r.answer).toContain(
      `09:00: spend ${formatMetric('spend', hours.get(9)?.spend ?? 0, out.currency)}`,
    );
    expect(r.answer).toContain('America/Los_Angeles');
    // the chart: one point per hour on a time axis, only the running hour marked partial
    const chart = r.payloads[0] as {
      kind: string;
      chart: string;
      points: { x: string; partial?: boolean }[];
    };
    expect(chart).toMatchObject({ kind: 'series', chart: 'line' });
    expect(chart.points.filter((p) => p.partial).map((p) => p.x)).toEqual(['14:00']);
  });

  it('"what hour had the most clicks yesterday" names the top hour of the whole day', async () => {
    const hours = await simulatorHours(sim, YESTERDAY);
    const [top] = [...hours].sort((a, b) => b[1].clicks - a[1].clicks || a[0] - b[0]);
    const r = await assistant.ask('what hour had the most clicks yesterday', { ctx });
    const hh = String(top[0]).padStart(2, '0');
    expect(r.answer).toContain(
      `most clicks was ${hh}:00–${hh}:59: ${formatMetric('clicks', top[1].clicks, null)}`,
    );
    expect(r.answer).toContain('all 24 hours');
  });

  it('"best hour for cpc yesterday" names the hour with the lowest CPC: a cost is best low', async () => {
    const hours = await simulatorHours(sim, YESTERDAY);
    const cpc = [...hours].filter(([, v]) => v.clicks > 0).map(([h, v]) => [h, v.spend / v.clicks] as const);
    const [best] = cpc.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const r = await assistant.ask('best hour for cpc yesterday', { ctx });
    const hh = String(best[0]).padStart(2, '0');
    expect(r.answer).toContain(`lowest CPC was ${hh}:00–${hh}:59`);
  });

  it('"clicks by hour yesterday" → "which hour was the peak?" names the top hour of yesterday, not today', async () => {
    const hours = await simulatorHours(sim, YESTERDAY);
    const [top] = [...hours].sort((a, b) => b[1].clicks - a[1].clicks || a[0] - b[0]);
    const conversationId = randomUUID();
    await assistant.ask('clicks by hour yesterday', { ctx, conversationId });
    const r = await assistant.ask('which hour was the peak?', { ctx, conversationId });
    const hh = String(top[0]).padStart(2, '0');
    expect(r.answer).toContain(
      `most clicks was ${hh}:00–${hh}:59: ${formatMetric('clicks', top[1].clicks, null)}`,
    );
  });

  it('"how are we pacing today vs the same time yesterday" compares the same ended hours', async () => {
    const today = await simulatorHours(sim, TODAY);
    const yesterday = await simulatorHours(sim, YESTERDAY);
    const r = await assistant.ask('how are we pacing today vs the same time yesterday?', { ctx });
    const call = r.toolCalls.find((c) => c.name === 'compare_periods');
    expect(call?.input).toMatchObject({ same_hours: true, range: { preset: 'today' } });
    const out = call?.output as {
      currency: string;
      hours: { through_hour: number };
      current: { totals: { spend: number } };
      previous: { totals: { spend: number } };
    };
    expect(out.hours.through_hour).toBe(13); // fetched at 14:30: hours 0..13 had ended
    expect(out.current.totals.spend).toBe(sumThrough(today, 13));
    expect(out.previous.totals.spend).toBe(sumThrough(yesterday, 13));
    expect(r.answer).toContain('00:00–13:59');
    expect(r.answer).toContain(
      `${formatMetric('spend', out.current.totals.spend, out.currency)} vs ${formatMetric('spend', out.previous.totals.spend, out.currency)}`,
    );
  });
});
