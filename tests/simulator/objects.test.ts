// Objects, edges, field selection, status filtering, paging and auth of the simulator, over real HTTP.
import { createHmac } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

// biome-ignore lint/suspicious/noExplicitAny: Graph answers are inspected loosely in tests.
type Loose = any;

const NOW = new Date('2026-11-25T20:00:00Z'); // 12:00 in Los Angeles
let sim: Simulator;

async function graph(path: string, init: { token?: string | null; bearer?: boolean } = {}) {
  const token = init.token === undefined ? sim.accessToken : init.token;
  const url = new URL(`${sim.url}/v24.0${path}`);
  const headers: Record<string, string> = {};
  if (token !== null && init.bearer) headers.authorization = `Bearer ${token}`;
  else if (token !== null) url.searchParams.set('access_token', token);
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, Loose> };
}

beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW, secondAccount: true });
});
afterAll(async () => {
  await sim.close();
});

describe('simulator objects and edges', () => {
  it('binds to loopback only and exposes the interface', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.version).toBe('v24.0');
    expect(sim.accounts.map((a) => a.id)).toEqual(['act_1234567890', 'act_2345678901']);
    expect(sim.accounts[1]).toMatchObject({
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      name: 'AdNavi Demo EU',
    });
  });

  it('is not reachable on a non-loopback interface', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no external interface in this sandbox: nothing else to reach
    const port = new URL(sim.url).port;
    await expect(fetch(`http://${external.address}:${port}/v24.0/me`)).rejects.toThrow();
  });

  it('checks appsecret_proof when one is sent', async () => {
    const proof = createHmac('sha256', 'demo-secret').update(sim.accessToken).digest('hex');
    expect((await graph(`/me?appsecret_proof=${proof}`)).status).toBe(200);
    const bad = await graph(`/me?appsecret_proof=${'0'.repeat(64)}`);
    expect(bad.body.error.code).toBe(100);
  });

  it('accepts the token from the query or a Bearer header and Loose vNN.N version', async () => {
    expect((await graph('/me')).status).toBe(200);
    expect((await graph('/me', { bearer: true })).status).toBe(200);
    const res = await fetch(`${sim.url}/v19.0/act_1234567890?access_token=${sim.accessToken}`);
    expect(res.status).toBe(200);
  });

  it('refuses a wrong token with the real 190 envelope and a missing one with 104', async () => {
    const wrong = await graph('/act_1234567890', { token: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 190, type: 'OAuthException', is_transient: false });
    expect(typeof wrong.body.error.fbtrace_id).toBe('string');
    expect(wrong.headers.get('x-app-usage')).toBeTruthy();
    const missing = await graph('/act_1234567890', { token: null });
    expect(missing.body.error.code).toBe(104);
  });

  it('lists ad accounts and renders the account with selected fields', async () => {
    const list = await graph('/me/adaccounts');
    expect(list.body.data).toEqual([
      { account_id: '1234567890', id: 'act_1234567890' },
      { account_id: '2345678901', id: 'act_2345678901' },
    ]);
    const acc = await graph(
      '/act_2345678901?fields=name,currency,timezone_name,timezone_offset_hours_utc,account_status',
    );
    expect(acc.body).toEqual({
      id: 'act_2345678901',
      name: 'AdNavi Demo EU',
      currency: 'EUR',
      timezone_name: 'Europe/Berlin',
      timezone_offset_hours_utc: 1,
      account_status: 1,
    });
    expect((await graph('/act_1234567890')).body).toEqual({ id: 'act_1234567890' });
  });

  it('hides DELETED and ARCHIVED campaigns on edges unless asked', async () => {
    const fields = 'id,name,status,effective_status,objective,daily_budget,lifetime_budget,created_time';
    const visible = await graph(`/act_1234567890/campaigns?fields=${fields}&limit=100`);
    const statuses = visible.body.data.map((c: Loose) => c.effective_status);
    expect(statuses).not.toContain('DELETED');
    expect(statuses).not.toContain('ARCHIVED');
    const all = await graph(
      `/act_1234567890/campaigns?fields=${fields}&limit=100&effective_status=${encodeURIComponent('["ACTIVE","PAUSED","ARCHIVED","DELETED"]')}`,
    );
    expect(all.body.data).toHaveLength(12);
    expect(all.body.data.map((c: Loose) => c.effective_status)).toEqual(
      expect.arrayContaining(['DELETED', 'ARCHIVED', 'PAUSED']),
    );
    const names = all.body.data.map((c: Loose) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Black Friday – 50% Off! 🛍️',
        'Été 2026 · Retargeting',
        'Leads: B2B "Whitepaper" (DE)',
      ]),
    );
    const objectives = new Set(all.body.data.map((c: Loose) => c.objective));
    for (const o of [
      'OUTCOME_SALES',
      'OUTCOME_LEADS',
      'OUTCOME_TRAFFIC',
      'OUTCOME_AWARENESS',
      'CONVERSIONS',
      'LINK_CLICKS',
    ]) {
      expect(objectives).toContain(o);
    }
    const bf = all.body.data[0];
    expect(bf.id).toMatch(/^\d{18}$/);
    expect(bf.daily_budget).toBe('25000');
    expect(bf.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0800$/);
    const filtered = await graph(
      `/act_1234567890/campaigns?fields=id,effective_status&filtering=${encodeURIComponent('[{"field":"effective_status","operator":"IN","value":["DELETED"]}]')}`,
    );
    expect(filtered.body.data).toHaveLength(1);
    expect(filtered.body.data[0].effective_status).toBe('DELETED');
  });

  it('shows ADSET_PAUSED and CAMPAIGN_PAUSED ads and nested edges', async () => {
    const ads = await graph(
      '/act_1234567890/ads?fields=id,name,status,effective_status,adset_id,campaign_id,creative{id}&limit=200',
    );
    const effective = new Set(ads.body.data.map((a: Loose) => a.effective_status));
    expect(effective).toContain('ADSET_PAUSED');
    expect(effective).toContain('CAMPAIGN_PAUSED');
    expect(effective).toContain('PENDING_REVIEW');
    expect(ads.body.data[0].creative.id).toMatch(/^\d+$/);
    const campaignId = ads.body.data[0].campaign_id;
    const adsets = await graph(`/${campaignId}/adsets?fields=id,campaign_id,targeting`);
    expect(adsets.body.data.length).toBeGreaterThan(0);
    expect(adsets.body.data.every((s: Loose) => s.campaign_id === campaignId)).toBe(true);
    const adsOfSet = await graph(`/${adsets.body.data[0].id}/ads?fields=adset_id`);
    expect(adsOfSet.body.data.every((a: Loose) => a.adset_id === adsets.body.data[0].id)).toBe(true);
    const one = await graph(`/${ads.body.data[0].id}?fields=name,campaign{name,objective}`);
    expect(one.body.campaign.name).toBe('Black Friday – 50% Off! 🛍️');
  });

  it('answers 100/33 for an unknown object', async () => {
    const res = await graph('/120219999999999999');
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('paging through a large edge', () => {
  it('pages 1,200 ads with cursors and absolute next links carrying the token', async () => {
    const big = await startSimulator({ ads: 1200, now: () => NOW });
    try {
      const filter = encodeURIComponent(
        '["ACTIVE","PAUSED","ARCHIVED","DELETED","ADSET_PAUSED","CAMPAIGN_PAUSED","PENDING_REVIEW"]',
      );
      let url: string | undefined =
        `${big.url}/v24.0/act_1234567890/ads?fields=id,name&limit=500&effective_status=${filter}`;
      const ids: string[] = [];
      let pages = 0;
      let first = true;
      while (url) {
        const res = await fetch(
          url,
          first ? { headers: { authorization: `Bearer ${big.accessToken}` } } : {},
        );
        first = false;
        const body = (await res.json()) as Loose;
        ids.push(...body.data.map((a: Loose) => a.id));
        pages++;
        if (body.paging?.next) {
          expect(body.paging.next).toMatch(new RegExp(`^${big.url}/v24.0/act_1234567890/ads\\?`));
          expect(new URL(body.paging.next).searchParams.get('access_token')).toBe(big.accessToken);
          expect(typeof body.paging.cursors.after).toBe('string');
        }
        url = body.paging?.next;
      }
      expect(pages).toBe(3);
      expect(ids).toHaveLength(1200);
      expect(new Set(ids).size).toBe(1200);
      expect(big.calls().byPath['/act_:id/ads']).toBe(3);
    } finally {
      await big.close();
    }
  });
});
