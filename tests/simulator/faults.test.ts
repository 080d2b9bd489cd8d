// Fault injection, usage headers and call counting, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

// biome-ignore lint/suspicious/noExplicitAny: Graph answers are inspected loosely in tests.
type Loose = any;

const NOW = new Date('2026-11-25T20:00:00Z');
let sim: Simulator;

async function graph(path: string, s: Simulator = sim) {
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`${s.url}/v24.0${path}${sep}access_token=${s.accessToken}`);
  const header = (name: string) => JSON.parse(res.headers.get(name) ?? 'null');
  return { status: res.status, header, body: (await res.json()) as Record<string, Loose> };
}

const graphOf = graph;
const range = (since: string, until: string) => encodeURIComponent(JSON.stringify({ since, until }));

beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.setFaults({});
  sim.resetCalls();
});

describe('simulator faults', () => {
  it('counts calls by normalised and raw path', async () => {
    await graph('/act_1234567890/campaigns');
    await graph('/act_1234567890/insights');
    await graph('/act_1234567890/insights?level=ad');
    await graph('/120210000000000001/adsets');
    const log = sim.calls();
    expect(log.total).toBe(4);
    expect(log.byPath['/act_:id/insights']).toBe(2);
    expect(log.byPath['/act_1234567890/insights']).toBe(2);
    expect(log.byPath['/:id/adsets']).toBe(1);
    sim.resetCalls();
    expect(sim.calls().total).toBe(0);
  });

  it('puts the four usage headers on every answer, rising with load', async () => {
    const first = await graph('/act_1234567890/insights');
    expect(first.header('x-business-use-case-usage')['1234567890'][0]).toMatchObject({
      type: 'ads_insights',
    });
    expect(first.header('x-ad-account-usage')).toHaveProperty('acc_id_util_pct');
    expect(first.header('x-fb-ads-insights-throttle')).toHaveProperty('app_id_util_pct');
    const before = first.header('x-app-usage').call_count;
    for (let i = 0; i < 40; i++) await graph('/me');
    const after = await graph('/me');
    expect(after.header('x-app-usage').call_count).toBeGreaterThan(before);
  });

  it('adds latency', async () => {
    sim.setFaults({ latencyMs: 150 });
    const t0 = Date.now();
    await graph('/me');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('fails chosen call ordinals with a transient 500 (code 2)', async () => {
    sim.setFaults({ failCalls: [2, 3] });
    expect((await graph('/me')).status).toBe(200);
    const second = await graph('/me');
    expect(second.status).toBe(500);
    expect(second.body.error).toMatchObject({ code: 2, is_transient: true });
    expect((await graph('/me')).status).toBe(500);
    expect((await graph('/me')).status).toBe(200);
  });

  for (const [kind, code, hint] of [
    ['ad_account', 17, 'x-ad-account-usage'],
    ['app', 4, 'x-app-usage'],
    ['buc', 80004, 'x-business-use-case-usage'],
  ] as const) {
    // Each kind gets its own simulator so the three one-second waits run side by side.
    it.concurrent(`throttles (${kind}) after a climb to 100, then clears after the reset`, async () => {
      const own = await startSimulator({
        now: () => NOW,
        faults: { throttle: { kind, afterCalls: 3, resetSeconds: 1 } },
      });
      const graph = (path: string) => graphOf(path, own);
      const pct = (r: Awaited<ReturnType<typeof graph>>) => {
        if (kind === 'ad_account') return r.header(hint).acc_id_util_pct;
        if (kind === 'app') return r.header(hint).call_count;
        return r.header(hint)['1234567890'][0].call_count;
      };
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) {
        const ok = await graph('/act_1234567890/campaigns');
        expect(ok.status).toBe(200);
        seen.push(pct(ok));
      }
      expect(seen[0]).toBeLessThan(seen[2]);
      const refused = await graph('/act_1234567890/campaigns');
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code, is_transient: true });
      expect(pct(refused)).toBe(100);
      if (kind === 'ad_account') {
        expect(refused.body.error.error_subcode).toBe(2446079);
        expect(refused.header(hint).reset_time_duration).toBe(1);
        const insights = await graph('/act_1234567890/insights');
        expect(insights.body.error).toMatchObject({ code: 613, error_subcode: 1487742 });
      }
      if (kind === 'buc') {
        const wait = refused.header(hint)['1234567890'][0].estimated_time_to_regain_access;
        expect(wait).toBeGreaterThan(0);
        expect(wait * 60).toBeLessThanOrEqual(1.2);
      }
      await new Promise((r) => setTimeout(r, 1050));
      expect((await graph('/act_1234567890/campaigns')).status).toBe(200);
      await own.close();
    });
  }

  it('refuses large synchronous insights asks with 1/99 but not async reports', async () => {
    sim.setFaults({ maxSyncInsightsDays: 31 });
    const small = await graph(`/act_1234567890/insights?time_range=${range('2026-10-01', '2026-10-31')}`);
    expect(small.status).toBe(200);
    const big = await graph(`/act_1234567890/insights?time_range=${range('2026-01-01', '2026-10-31')}`);
    expect(big.status).toBe(500);
    expect(big.body.error).toMatchObject({
      code: 1,
      error_subcode: 99,
      message: "Please reduce the amount of data you're asking for, then retry your request",
    });
    const res = await fetch(`${sim.url}/v24.0/act_1234567890/insights`, {
      method: 'POST',
      body: new URLSearchParams({
        access_token: sim.accessToken,
        time_range: JSON.stringify({ since: '2026-01-01', until: '2026-10-31' }),
      }),
    });
    expect(((await res.json()) as Loose).report_run_id).toMatch(/^\d+$/);
  });

  it('expires the token (190 / 463)', async () => {
    sim.setFaults({ tokenExpired: true });
    const res = await graph('/act_1234567890');
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('restates the last N days deterministically per version, leaving older days alone', async () => {
    const ask = `/act_1234567890/insights?level=ad&time_increment=1&fields=spend,impressions&limit=5000&time_range=${range('2026-11-10', '2026-11-25')}`;
    const base = (await graph(ask)).body.data as Loose[];
    sim.setFaults({ restate: { days: 3, version: 1 } });
    const v1 = (await graph(ask)).body.data as Loose[];
    const v1again = (await graph(ask)).body.data as Loose[];
    sim.setFaults({ restate: { days: 3, version: 2 } });
    const v2 = (await graph(ask)).body.data as Loose[];
    const recent = (rows: Loose[]) => rows.filter((r) => r.date_start >= '2026-11-23');
    const older = (rows: Loose[]) => rows.filter((r) => r.date_start < '2026-11-23');
    expect(older(v1)).toEqual(older(base));
    expect(recent(v1)).not.toEqual(recent(base));
    expect(recent(v2)).not.toEqual(recent(v1));
    expect(v1again).toEqual(v1);
    expect(recent(v1).map((r) => `${r.ad_id}|${r.date_start}`)).toEqual(
      recent(base).map((r) => `${r.ad_id}|${r.date_start}`),
    );
  });
});
