// What the SDK wrapping sends and how it survives odd answers, watched on a tiny loopback server:
// the proof and parameters on the wire, paging by cursor on our own host, concurrent clients with
// different hosts and tokens, a failed async job, a proxy's HTML 502, a dropped connection.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphClient, type GraphClientOptions } from '../../src/sync/meta/graphClient.js';
import { MetaApiError } from '../../src/sync/meta/metaErrors.js';
import { appSecretProof } from '../../src/sync/meta/sdkTransport.js';
import { type FakeAnswer, type FakeGraph, noSleep, type SeenRequest, startFakeGraph } from './fakeGraph.js';

const account = {
  id: 'act_42',
  account_id: '42',
  name: 'Fake',
  currency: 'EUR',
  timezone_name: 'Europe/Vienna',
  timezone_offset_hours_utc: 1,
  account_status: 1,
};

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function fake(answer: (req: SeenRequest, n: number) => FakeAnswer): Promise<FakeGraph> {
  const f = await startFakeGraph(answer);
  open.push(f);
  return f;
}

function client(f: FakeGraph, extra: Partial<GraphClientOptions> = {}): GraphClient {
  const c = new GraphClient({
    baseUrl: f.url,
    version: 'v24.0',
    accessToken: 'tok-A',
    accountId: 'act_42',
    sleep: noSleep,
    ...extra,
  });
  open.push(c);
  return c;
}

describe('appsecret_proof', () => {
  it('is the hex HMAC-SHA256 of the token keyed by the secret (RFC 4231 test case 2)', () => {
    expect(appSecretProof('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('goes with every GET and POST, beside the limit and the explicit statuses', async () => {
    const f = await fake((req) => {
      if (req.method === 'POST') return { json: { report_run_id: '77' } };
      if (req.path === '/v24.0/77')
        return { json: { id: '77', async_status: 'Job Completed', async_percent_completion: 100 } };
      return { json: { data: [] } };
    });
    const c = client(f, { appSecret: 's3cret' });
    await c.listCampaigns();
    for await (const _ of c.insightsAsync({
      since: '2026-11-01',
      until: '2026-11-03',
      level: 'ad',
      fields: ['spend'],
    })) {
      // no rows
    }
    const proof = appSecretProof('tok-A', 's3cret');
    const [list, post, poll, rows] = f.seen;
    expect(list.query.get('appsecret_proof')).toBe(proof);
    expect(list.query.get('limit')).toBe('500');
    expect(JSON.parse(list.query.get('effective_status') ?? '[]')).toEqual(
      expect.arrayContaining(['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED']),
    );
    const body = JSON.parse(post.body);
    expect(body.appsecret_proof).toBe(proof);
    expect(JSON.parse(body.time_range)).toEqual({ since: '2026-11-01', until: '2026-11-03' });
    expect(body.level).toBe('ad');
    expect(poll.query.get('appsecret_proof')).toBe(proof);
    expect(rows.path).toBe('/v24.0/77/insights');
    expect(rows.query.get('appsecret_proof')).toBe(proof);
  });
});

describe('SDK routing', () => {
  it("never switches on the SDK's crash reporter (it would post crashes to Meta)", async () => {
    const before = process.listenerCount('uncaughtException');
    const f = await fake(() => ({ json: account }));
    await client(f).getAdAccount();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });

  it('never lets the SDK fall back to graph.facebook.com outside a client call', () => {
    const sdk = createRequire(import.meta.url)('facebook-nodejs-business-sdk');
    expect(() => sdk.FacebookAdsApi.GRAPH).toThrow(/refusing/);
  });

  it('pages by cursor on our own host even when Meta’s next link points elsewhere', async () => {
    const f = await fake((req) =>
      req.query.get('after') === 'CURSOR1'
        ? { json: { data: [{ id: '2', name: 'b', status: 'PAUSED', effective_status: 'PAUSED' }] } }
        : {
            json: {
              data: [{ id: '1', name: 'a', status: 'ACTIVE', effective_status: 'ACTIVE' }],
              paging: {
                cursors: { after: 'CURSOR1' },
                next: 'https://graph.facebook.com/v24.0/act_42/campaigns?after=CURSOR1',
              },
            },
          },
    );
    const campaigns = await client(f).listCampaigns();
    expect(campaigns.map((c) => c.id)).toEqual(['1', '2']);
    expect(f.seen).toHaveLength(2);
    expect(f.seen[1].query.get('access_token')).toBe('tok-A');
  });

  it('keeps concurrent clients on their own host, version and token', async () => {
    const answer = () => ({ json: account, delayMs: 5 });
    const [a, b] = await Promise.all([fake(answer), fake(answer)]);
    const ca = client(a, { accessToken: 'tok-A', version: 'v24.0' });
    const cb = client(b, { accessToken: 'tok-B', version: 'v23.0' });
    await Promise.all(Array.from({ length: 10 }, () => [ca.getAdAccount(), cb.getAdAccount()]).flat());
    expect(a.seen).toHaveLength(10);
    expect(b.seen).toHaveLength(10);
    expect(a.seen.every((r) => r.query.get('access_token') === 'tok-A' && r.path === '/v24.0/act_42')).toBe(
      true,
    );
    expect(b.seen.every((r) => r.query.get('access_token') === 'tok-B' && r.path === '/v23.0/act_42')).toBe(
      true,
    );
  });
});

describe('odd answers', () => {
  it("an async job that ends 'Job Failed' → kind tooMuchData, after reporting its progress", async () => {
    const f = await fake((req, n) => {
      if (req.method === 'POST') return { json: { report_run_id: '88' } };
      const status = n < 4 ? ['Job Running', 30] : ['Job Failed', 40];
      return { json: { id: '88', async_status: status[0], async_percent_completion: status[1] } };
    });
    const progress: number[] = [];
    const gen = client(f).insightsAsync(
      { since: '2026-10-01', until: '2026-10-31', level: 'ad', fields: ['spend'] },
      (p) => progress.push(p),
    );
    const err = await gen.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetaApiError);
    expect((err as MetaApiError).kind).toBe('tooMuchData');
    expect((err as MetaApiError).message).toMatch(/Job Failed/);
    expect(progress).toEqual([30, 30, 40]);
  });

  it("a proxy's HTML 502 and a dropped connection are retried as transient", async () => {
    const f = await fake((_req, n) => {
      if (n === 1) return { status: 502, text: '<html><body>Bad Gateway</body></html>' };
      if (n === 2) return { hangUp: true };
      return { json: account };
    });
    const c = client(f);
    expect((await c.getAdAccount()).currency).toBe('EUR');
    expect(c.stats).toMatchObject({ calls: 3, retries: 2 });
  });

  it('an answer that never comes is a transient timeout, retried', async () => {
    const f = await fake((_req, n) => (n === 1 ? { json: account, delayMs: 2000 } : { json: account }));
    const c = client(f, { requestTimeoutMs: 200 });
    expect((await c.getAdAccount()).id).toBe('act_42');
    expect(c.stats).toMatchObject({ calls: 2, retries: 1 });
  });

  it('an answer reporting 100% usage holds the next call until the stated reset', async () => {
    const slept: number[] = [];
    const f = await fake(() => ({
      json: account,
      headers: { 'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: 40 }) },
    }));
    const c = client(f, { sleep: async (ms) => void slept.push(ms) });
    await c.getAdAccount();
    expect(slept).toEqual([]);
    await c.getAdAccount();
    expect(slept.some((ms) => ms > 35_000 && ms <= 40_000)).toBe(true);
    expect(c.stats.throttledMs).toBeGreaterThanOrEqual(40_000);
  });

  it('a next page announced without any cursor stops with an error instead of dropping rows', async () => {
    const f = await fake(() => ({
      json: {
        data: [{ id: '1', name: 'a', status: 'ACTIVE', effective_status: 'ACTIVE' }],
        paging: { next: 'x' },
      },
    }));
    const err = (await client(f)
      .listCampaigns()
      .catch((e: unknown) => e)) as MetaApiError;
    expect(err).toBeInstanceOf(MetaApiError);
    expect(err.message).toMatch(/without an after cursor/);
  });

  it('a 403 permission error names the permission and is not retried', async () => {
    const f = await fake(() => ({
      status: 403,
      json: {
        error: {
          message: '(#200) Requires ads_read permission',
          type: 'OAuthException',
          code: 200,
          fbtrace_id: 'T',
        },
      },
    }));
    const c = client(f);
    const err = (await c.getAdAccount().catch((e: unknown) => e)) as MetaApiError;
    expect(err.kind).toBe('permission');
    expect(err.message).toMatch(/ads_read/);
    expect(f.seen).toHaveLength(1);
  });
});
