// Fleet mode for scale benches: many accounts with their own object ids and zones, and each with its
// own call budget: its usage headers climb with its own calls only, and a call past the budget is
// refused with Meta's ad-account throttle and the time until access comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

describe('simulator fleet mode', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ fleet: { accounts: 3, ads: 8, callsPerMinute: 5 } });
  });
  afterAll(async () => sim?.close());

  const get = async (path: string) => {
    const res = await fetch(
      `${sim.url}/${sim.version}/${path}?fields=id,name&access_token=${sim.accessToken}`,
    );
    const usage = JSON.parse(res.headers.get('x-business-use-case-usage') ?? '{}');
    return { status: res.status, body: await res.json(), usage };
  };

  it('serves each account with its own ids, zone and budget', async () => {
    expect(sim.accounts.map((a) => a.id)).toEqual([
      'act_1234567890',
      'act_9000000001',
      'act_9000000002',
      'act_9000000003',
    ]);
    expect(new Set(sim.accounts.map((a) => a.timeZone)).size).toBeGreaterThan(1);
    const a = await get('act_9000000001/ads');
    const b = await get('act_9000000002/ads');
    expect(a.body.data).toHaveLength(8);
    const ids = new Set([...a.body.data, ...b.body.data].map((x: { id: string }) => x.id));
    expect(ids.size).toBe(16);

    for (let i = 0; i < 4; i++) await get('act_9000000001/campaigns');
    const full = await get('act_9000000002/campaigns'); // the other account: its own second call
    expect(full.usage['9000000002'][0].call_count).toBe(40);
    const refused = await get('act_9000000001/campaigns'); // the sixth call of a 5-call budget
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(80004);
    const buc = refused.usage['9000000001'][0];
    expect(buc.call_count).toBe(100);
    expect(buc.estimated_time_to_regain_access).toBeGreaterThan(0);
    expect((await get('act_9000000003/campaigns')).status).toBe(200);
  });
});
