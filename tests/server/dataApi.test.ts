// The REST the pages read, over real HTTP against startServer on a seeded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { seedChatAccount } from './chatFixture.js';

const config = loadConfig({ LOG_LEVEL: 'silent' });
let testDb: TestDb;
let server: RunningServer;
let spendText: string;

beforeAll(async () => {
  testDb = await createTestDb('pglite');
  ({ spendText } = await seedChatAccount(testDb.db));
  server = await startServer({ db: testDb.db, config }, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await testDb?.drop();
});

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('data API', () => {
  it('lists campaigns with the page metrics for a range', async () => {
    const { status, body } = await getJson('/api/campaigns?preset=last_30d&status=any');
    expect(status).toBe(200);
    const rows = body.rows as { name: string; metrics: Record<string, number | null> }[];
    expect(rows.map((r) => r.name)).toEqual(['Chat Test Campaign']);
    expect(`$${rows[0].metrics.spend?.toFixed(2)}`).toBe(spendText);
    expect(Object.keys(rows[0].metrics).sort()).toEqual([
      'clicks',
      'cpa',
      'cpc',
      'cpm',
      'ctr',
      'impressions',
      'purchases',
      'reach',
      'revenue',
      'roas',
      'spend',
    ]);
    // the totals row comes summed from the server (one campaign: its own figures)
    const totals = body.totals as { currency: string; metrics: Record<string, number | null> };
    expect(totals.currency).toBe('USD');
    expect(totals.metrics).toEqual(rows[0].metrics);
    // ratios of sums: no revenue over real spend is ROAS 0; 3 × 10 clicks over 3 × 1000 impressions is 1%
    expect(rows[0].metrics.roas).toBe(0);
    expect(rows[0].metrics.ctr).toBe(1);
  });

  it('drills down to ad sets and ads by parent id', async () => {
    const adsets = await getJson('/api/campaigns?level=adset&parent_id=8820&status=any');
    expect((adsets.body.rows as { id: string }[]).map((r) => r.id)).toEqual(['8810']);
    const ads = await getJson('/api/campaigns?level=ad&parent_id=8810&status=any&sort=name&dir=asc');
    expect((ads.body.rows as { name: string }[]).map((r) => r.name)).toEqual([
      'Chat ad 0',
      'Chat ad 1',
      'Chat ad 2',
    ]);
  });

  it('names the bad field in a 400', async () => {
    const bad = await getJson('/api/campaigns?status=sideways');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/status/);
    const dates = await getJson('/api/campaigns?since=2026-02-30&until=2026-03-01');
    expect(dates.status).toBe(400);
    expect(JSON.stringify(dates.body)).toMatch(/since/);
  });

  it('lists connections', async () => {
    const { body } = await getJson('/api/connections');
    const connections = body.connections as { id: string; account_id: string; currency: string }[];
    expect(connections).toMatchObject([{ account_id: 'act_555000222', currency: 'USD' }]);
  });
});
