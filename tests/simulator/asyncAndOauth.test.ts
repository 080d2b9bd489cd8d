// Async insights reports and the OAuth endpoints of the connect flow, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

// biome-ignore lint/suspicious/noExplicitAny: Graph answers are inspected loosely in tests.
type Loose = any;

let clock = new Date('2026-11-25T20:00:00Z');
let sim: Simulator;

async function get(path: string, token: string | null = sim.accessToken) {
  const url = new URL(`${sim.url}${path}`);
  if (token) url.searchParams.set('access_token', token);
  const res = await fetch(url, { redirect: 'manual' });
  const text = await res.text();
  return {
    status: res.status,
    location: res.headers.get('location'),
    body: text ? (JSON.parse(text) as Record<string, Loose>) : {},
  };
}

beforeAll(async () => {
  sim = await startSimulator({ now: () => clock, appId: 'app-1', appSecret: 'sec-1' });
});
afterAll(async () => {
  await sim.close();
});

describe('async insights reports', () => {
  it('runs POST → poll until completed → paged rows equal to the synchronous answer', async () => {
    const params = {
      level: 'ad',
      time_increment: '1',
      time_range: JSON.stringify({ since: '2026-11-01', until: '2026-11-20' }),
      fields: 'spend,impressions,ad_id',
    };
    const res = await fetch(`${sim.url}/v24.0/act_1234567890/insights`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    const { report_run_id: id } = (await res.json()) as { report_run_id: string };
    expect(id).toMatch(/^\d+$/);
    const early = await get(`/v24.0/${id}/insights`);
    expect(early.body.error.code).toBe(100);
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const poll = await get(`/v24.0/${id}`);
      statuses.push(poll.body.async_status);
      expect(poll.body.async_percent_completion).toBeGreaterThanOrEqual(0);
      if (poll.body.async_status === 'Job Completed') {
        expect(poll.body.async_percent_completion).toBe(100);
        break;
      }
    }
    expect(statuses).toEqual(['Job Running', 'Job Completed']);
    const rows: Loose[] = [];
    let next: string | undefined =
      `${sim.url}/v24.0/${id}/insights?limit=200&access_token=${sim.accessToken}`;
    while (next) {
      const body = (await (await fetch(next)).json()) as Loose;
      rows.push(...body.data);
      next = body.paging?.next;
      if (next) expect(next).toContain(`/v24.0/${id}/insights?`);
    }
    const q = new URLSearchParams({ ...params, limit: '5000', access_token: sim.accessToken });
    const direct = (await (await fetch(`${sim.url}/v24.0/act_1234567890/insights?${q}`)).json()) as Loose;
    expect(rows.length).toBeGreaterThan(200);
    expect(rows).toEqual(direct.data);
  });
});

describe('OAuth endpoints', () => {
  it('redirects the login dialog with code and state, exchanges it, and the tokens work', async () => {
    const dialog = await get(
      '/v24.0/dialog/oauth?client_id=app-1&redirect_uri=http%3A%2F%2Flocalhost%3A8787%2Fcb&state=xyz&scope=ads_read,ads_management&consent=allow',
      null,
    );
    expect(dialog.status).toBe(302);
    const back = new URL(dialog.location ?? '');
    expect(back.origin + back.pathname).toBe('http://localhost:8787/cb');
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code') ?? '';
    const exchange = await get(
      `/v24.0/oauth/access_token?client_id=app-1&client_secret=sec-1&redirect_uri=${encodeURIComponent('http://localhost:8787/cb')}&code=${code}`,
      null,
    );
    expect(exchange.body).toMatchObject({ token_type: 'bearer' });
    expect(exchange.body.expires_in).toBeLessThanOrEqual(2 * 3600);
    const short = exchange.body.access_token as string;
    expect((await get('/v24.0/act_1234567890', short)).status).toBe(200);
    const reused = await get(
      `/v24.0/oauth/access_token?client_id=app-1&client_secret=sec-1&redirect_uri=${encodeURIComponent('http://localhost:8787/cb')}&code=${code}`,
      null,
    );
    expect(reused.body.error.code).toBe(100);

    const long = await get(
      `/v24.0/oauth/access_token?grant_type=fb_exchange_token&client_id=app-1&client_secret=sec-1&fb_exchange_token=${short}`,
      null,
    );
    expect(long.body.expires_in).toBeGreaterThanOrEqual(59 * 86400);
    const longToken = long.body.access_token as string;
    expect((await get('/v24.0/act_1234567890/campaigns', longToken)).status).toBe(200);

    const debug = await get(`/v24.0/debug_token?input_token=${longToken}`, 'app-1|sec-1');
    expect(debug.body.data).toMatchObject({
      is_valid: true,
      app_id: 'app-1',
      scopes: ['ads_read', 'ads_management'],
    });
    expect(typeof debug.body.data.user_id).toBe('string');
    const nowSeconds = Math.floor(clock.getTime() / 1000);
    expect(debug.body.data.expires_at - nowSeconds).toBe(long.body.expires_in);

    // Move the clock past the short-lived token's life: it is refused with 190/463, the long one works.
    clock = new Date(clock.getTime() + 3 * 3600 * 1000);
    expect((await get('/v24.0/act_1234567890', short)).body.error).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
    expect((await get('/v24.0/act_1234567890', longToken)).status).toBe(200);
    const dead = await get(`/v24.0/debug_token?input_token=${short}`, 'app-1|sec-1');
    expect(dead.body.data.is_valid).toBe(false);
  });

  it('asks first: a consent page names each permission, with Continue and Cancel links back to the dialog', async () => {
    const res = await fetch(
      `${sim.url}/v24.0/dialog/oauth?client_id=app-1&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&state=s1&scope=ads_read`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<strong>ads_read</strong>');
    const links = [...html.matchAll(/<a id="\w+" href="([^"]+)"/g)].map(
      (m) => new URLSearchParams(m[1].replaceAll('&#38;', '&')),
    );
    expect(links.map((l) => [l.get('consent'), l.get('deny'), l.get('state')])).toEqual([
      ['allow', null, 's1'],
      [null, '1', 's1'],
    ]);
  });

  it('gives error=access_denied when the person declines, and refuses a wrong secret', async () => {
    const dialog = await get(
      '/v24.0/dialog/oauth?client_id=app-1&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&state=s1&deny=1',
      null,
    );
    const back = new URL(dialog.location ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('code')).toBeNull();
    const bad = await get(
      '/v24.0/oauth/access_token?client_id=app-1&client_secret=wrong&code=x&redirect_uri=y',
      null,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.type).toBe('OAuthException');
  });
});
