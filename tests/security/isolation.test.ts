// Workspace isolation: A's API key, sent with B's ids, on every REST route (read from the app's
// router, so a new route fails this test until it is covered here), every WebSocket message type and
// every MCP tool → 404/403 or an error result, never B's data.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { sql } from '../../src/db/sql.js';
import { createApp } from '../../src/server/app.js';
import { clientMessageSchema } from '../../src/server/chatProtocol.js';
import { catalog } from '../../src/tools/catalog.js';
import { type Answer, bearer, call, serveTest, type TestServer, testKeyring } from '../auth/harness.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { connectHttp } from '../mcp/clients.js';
import { listRoutes, routeKey } from './routes.js';
import { type SeededWorkspace, seedWorkspace } from './twoWorkspaces.js';

const B_SPEND = '9876.54';
type Ctx = { server: TestServer; a: SeededWorkspace; b: SeededWorkspace; t: TestDb };

/** B's markers must not appear, except those A itself sent (an error may echo the id it was given). */
function expectNoB(b: SeededWorkspace, text: string, what: string, sent = ''): void {
  for (const marker of [...b.markers, '19753.08', '19,753', '9,876']) {
    if (!sent.includes(marker)) expect(text, `${what} leaked ${marker}`).not.toContain(marker);
  }
}

function expectRefusedOrClean(b: SeededWorkspace, answer: Answer, what: string, sent = ''): void {
  expect(answer.status, `${what}: ${answer.text}`).toBeLessThan(500);
  expectNoB(b, answer.text, what, sent);
}

/** B's conversation rows (with that title, when given): A's calls must leave them as they were. */
async function conversationsOf(t: TestDb, id: string, title?: string): Promise<number> {
  const rows = await t.db.query<{ n: number }>(
    sql`select count(*)::int as n from conversations where id = ${id} and (${title ?? null}::text is null or title = ${title ?? null})`,
  );
  return rows[0].n;
}

async function syncRunsOf(t: TestDb, connectionId: string): Promise<number> {
  const rows = await t.db.query<{ n: number }>(
    sql`select count(*)::int as n from sync_runs where connection_id = ${connectionId}`,
  );
  return rows[0].n;
}

/** One entry per route: A's key sent with B's ids. Each asserts refusal or an answer without B's data. */
const restCases: Record<string, (c: Ctx) => Promise<void>> = {
  'GET /healthz': async ({ server, a, b }) =>
    expectRefusedOrClean(b, await call(server.url, '/healthz', { headers: bearer(a.apiKey) }), 'healthz'),
  'GET /api/openapi.json': async ({ server, a, b }) =>
    expectRefusedOrClean(
      b,
      await call(server.url, '/api/openapi.json', { headers: bearer(a.apiKey) }),
      'openapi',
    ),
  'POST /mcp': async () => undefined, // every MCP tool is covered below
  'ALL /mcp': async ({ server, a }) =>
    expect((await call(server.url, '/mcp', { headers: bearer(a.apiKey) })).status).toBe(405),
  'POST /api/auth/signup': async ({ server, b }) =>
    expectRefusedOrClean(
      b,
      await call(server.url, '/api/auth/signup', {
        method: 'POST',
        body: { email: 'x@example.com', password: 'p', workspace_id: b.workspaceId },
      }),
      'signup',
    ),
  'POST /api/auth/login': async ({ server }) =>
    expect(
      (
        await call(server.url, '/api/auth/login', {
          method: 'POST',
          body: { email: 'nobody@example.com', password: 'correct horse battery' },
        })
      ).status,
    ).toBe(401),
  'POST /api/auth/logout': async ({ server, a, b }) => {
    expect(
      (await call(server.url, '/api/auth/logout', { method: 'POST', headers: bearer(a.apiKey) })).status,
    ).toBe(204);
    expect((await call(server.url, '/api/auth/me', { headers: bearer(b.apiKey) })).json.workspace_id).toBe(
      b.workspaceId,
    );
  },
  'GET /api/auth/me': async ({ server, a, b }) => {
    const me = await call(server.url, '/api/auth/me', { headers: bearer(a.apiKey) });
    expect(me.json.workspace_id).toBe(a.workspaceId);
    expectNoB(b, me.text, 'me');
  },
  'GET /api/api-keys': async ({ server, a, b }) => {
    const keys = await call(server.url, '/api/api-keys', { headers: bearer(a.apiKey) });
    expect(keys.status).toBe(200);
    expect(keys.text).not.toContain(b.apiKeyId);
  },
  'POST /api/api-keys': async ({ server, a }) =>
    expect(
      (
        await call(server.url, '/api/api-keys', {
          method: 'POST',
          headers: bearer(a.apiKey),
          body: { name: 'x' },
        })
      ).status,
    ).toBe(403),
  'DELETE /api/api-keys/:id': async ({ server, a, b }) => {
    expect(
      (await call(server.url, `/api/api-keys/${b.apiKeyId}`, { method: 'DELETE', headers: bearer(a.apiKey) }))
        .status,
    ).toBe(404);
    expect((await call(server.url, '/api/auth/me', { headers: bearer(b.apiKey) })).json.signed_in).toBe(true);
  },
  'GET /api/oauth/meta/start': async ({ server, a, b, t }) => {
    await call(server.url, `/api/oauth/meta/start?workspace_id=${b.workspaceId}`, {
      headers: bearer(a.apiKey),
    });
    const flows = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from oauth_flows where workspace_id = ${b.workspaceId}`,
    );
    expect(flows[0].n).toBe(1); // only B's own seeded flow
  },
  'GET /api/oauth/meta/callback': async ({ server, a, b }) => {
    const answer = await call(server.url, `/api/oauth/meta/callback?state=${b.flowId}.x&code=abc`, {
      headers: bearer(a.apiKey),
    });
    expect(answer.headers.get('location')).toMatch(/connect_error=/);
  },
  'GET /api/oauth/meta/flows/:id/accounts': async ({ server, a, b }) => {
    const answer = await call(server.url, `/api/oauth/meta/flows/${b.flowId}/accounts`, {
      headers: bearer(a.apiKey),
    });
    expect(answer.status).toBe(404);
  },
  'POST /api/oauth/meta/flows/:id/connect': async ({ server, a, b, t }) => {
    const answer = await call(server.url, `/api/oauth/meta/flows/${b.flowId}/connect`, {
      method: 'POST',
      headers: bearer(a.apiKey),
      body: { account_ids: ['act_1'] },
    });
    expect(answer.status).toBe(404);
    const conns = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from connections where workspace_id = ${a.workspaceId}`,
    );
    expect(conns[0].n).toBe(1);
  },
  'POST /api/workspaces/:workspaceId/metrics/ingest': async ({ server, a, b }) => {
    const fact = { date: '2026-01-01', ad_id: b.adId, spend: '1.00' };
    const intoB = await call(server.url, `/api/workspaces/${b.workspaceId}/metrics/ingest`, {
      method: 'POST',
      headers: bearer(a.apiKey),
      body: { connection_id: b.connectionId, facts: [fact] },
    });
    expect(intoB.status).toBe(403);
    const bConnInA = await call(server.url, `/api/workspaces/${a.workspaceId}/metrics/ingest`, {
      method: 'POST',
      headers: bearer(a.apiKey),
      body: { connection_id: b.connectionId, facts: [fact] },
    });
    expect(bConnInA.status).toBe(404);
  },
  'GET /api/campaigns': async ({ server, a, b }) => {
    for (const q of ['', `?level=adset&parent_id=${b.campaignId}`, `?level=ad&parent_id=${b.adsetId}`]) {
      const answer = await call(server.url, `/api/campaigns${q}`, { headers: bearer(a.apiKey) });
      expectRefusedOrClean(b, answer, `campaigns${q}`, q);
    }
    // and A does see its own data (the check above could pass on an empty answer otherwise)
    expect((await call(server.url, '/api/campaigns', { headers: bearer(a.apiKey) })).text).toContain(
      'Alpha-secret-campaign',
    );
  },
  'GET /api/connections': async ({ server, a, b }) => {
    const answer = await call(server.url, '/api/connections', { headers: bearer(a.apiKey) });
    expect(answer.text).toContain(a.connectionId);
    expectNoB(b, answer.text, 'connections');
  },
  'POST /api/connections/:id/sync': async ({ server, a, b, t }) => {
    const before = await syncRunsOf(t, b.connectionId);
    const answer = await call(server.url, `/api/connections/${b.connectionId}/sync`, {
      method: 'POST',
      headers: bearer(a.apiKey),
      body: {},
    });
    expect(answer.status).toBe(404);
    expect(await syncRunsOf(t, b.connectionId)).toBe(before);
  },
  'GET /api/sync-runs/:id': async ({ server, a, b }) =>
    expect((await call(server.url, `/api/sync-runs/${b.runId}`, { headers: bearer(a.apiKey) })).status).toBe(
      404,
    ),
  'GET /api/sync-runs': async ({ server, a, b }) => {
    const answer = await call(server.url, `/api/sync-runs?connection_id=${b.connectionId}`, {
      headers: bearer(a.apiKey),
    });
    expectRefusedOrClean(b, answer, 'sync-runs', b.connectionId);
    expect(answer.text).not.toContain(b.runId);
    expect((await call(server.url, '/api/sync-runs', { headers: bearer(a.apiKey) })).text).not.toContain(
      b.runId,
    );
  },
  'GET /api/sync-health': async ({ server, a, b }) =>
    expectRefusedOrClean(
      b,
      await call(server.url, '/api/sync-health', { headers: bearer(a.apiKey) }),
      'sync-health',
    ),
  'POST /api/sync-jobs/:id/retry': async ({ server, a }) => {
    // no job of B's exists to name; an id that is nobody's must be refused, never retried
    const answer = await call(server.url, '/api/sync-jobs/00000000-0000-4000-8000-00000000beef/retry', {
      method: 'POST',
      headers: bearer(a.apiKey),
      body: {},
    });
    expect(answer.status).toBe(404);
  },
  'GET /api/conversations': async ({ server, a, b }) => {
    const answer = await call(server.url, '/api/conversations', { headers: bearer(a.apiKey) });
    expectRefusedOrClean(b, answer, 'conversations');
    expect(answer.text).not.toContain(b.conversationId);
  },
  'GET /api/conversations/:id/turns/:turn': async ({ server, a, b }) => {
    // a permalink to B's answer, opened with A's key: not found, and nothing of B's in the reply
    const path = `/api/conversations/${b.conversationId}/turns/1`;
    const answer = await call(server.url, path, { headers: bearer(a.apiKey) });
    expect(answer.status).toBe(404);
    expectNoB(b, answer.text, 'answer permalink', path);
  },
  'PATCH /api/conversations/:id': async ({ server, a, b, t }) => {
    const answer = await call(server.url, `/api/conversations/${b.conversationId}`, {
      method: 'PATCH',
      headers: bearer(a.apiKey),
      body: { title: 'renamed by A' },
    });
    expect(answer.status).toBe(404);
    expect(await conversationsOf(t, b.conversationId, 'renamed by A')).toBe(0);
  },
  'DELETE /api/conversations/:id': async ({ server, a, b, t }) => {
    const answer = await call(server.url, `/api/conversations/${b.conversationId}`, {
      method: 'DELETE',
      headers: bearer(a.apiKey),
    });
    expect(answer.status).toBe(404);
    expect(await conversationsOf(t, b.conversationId)).toBe(1);
  },
  'GET /.*/': async ({ server, a, b }) =>
    expectRefusedOrClean(
      b,
      await call(server.url, `/settings?workspace=${b.workspaceId}`, { headers: bearer(a.apiKey) }),
      'web app',
    ),
};

/** Per MCP tool: arguments naming B's things. */
function mcpCases(b: SeededWorkspace): Record<string, Record<string, unknown>[]> {
  return {
    list_entities: [
      { level: 'adset', parent_id: b.campaignId },
      { level: 'ad', parent_id: b.adsetId },
      { name_contains: 'Bravo' },
    ],
    get_metrics: [
      { metrics: ['spend'], filters: { connection_id: b.connectionId } },
      { metrics: ['spend'], group_by: 'ad', filters: { entity_ids: [b.adId], level: 'ad' } },
      { metrics: ['spend'], group_by: 'campaign', filters: { entity_ids: [b.campaignId] } },
      {
        metrics: ['spend'],
        range: { preset: 'today' },
        group_by: 'hour',
        filters: { connection_id: b.connectionId },
      },
    ],
    compare_periods: [
      { metrics: ['spend'], filters: { connection_id: b.connectionId } },
      { metrics: ['spend'], filters: { entity_ids: [b.campaignId] } },
      {
        metrics: ['spend'],
        range: { preset: 'today' },
        same_hours: true,
        filters: { entity_ids: [b.campaignId] },
      },
    ],
    list_connections: [{}],
    trigger_sync: [{ connection_id: b.connectionId }],
    sync_status: [{ run_id: b.runId }, { connection_id: b.connectionId }],
  };
}

describe.each(backends)('workspace isolation (%s)', (kind) => {
  const ctx = {} as Ctx;
  beforeAll(async () => {
    ctx.t = await createTestDb(kind);
    const keyring = testKeyring();
    ctx.a = await seedWorkspace(ctx.t.db, keyring, 'Alpha', '111.11');
    ctx.b = await seedWorkspace(ctx.t.db, keyring, 'Bravo', B_SPEND);
    ctx.server = await serveTest(ctx.t.db, { keyring, env: { META_APP_ID: '1', META_APP_SECRET: 's' } });
    ctx.server.deps.assistant = createAssistant(ctx.server.deps.config);
  });
  afterAll(async () => {
    await ctx.server?.close();
    await ctx.t?.drop();
  });

  it("covers every REST route, and none gives A any of B's data", async () => {
    const routes = listRoutes(createApp(ctx.server.deps)).map(routeKey);
    expect(
      routes.filter((r) => !(r in restCases)),
      'routes without an isolation case',
    ).toEqual([]);
    for (const route of routes) await restCases[route](ctx);
  });

  it("covers every MCP tool, and none gives A any of B's data", async () => {
    const client: Client = await connectHttp(ctx.server.url, ctx.a.apiKey);
    try {
      const cases = mcpCases(ctx.b);
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools.sort()).toEqual(catalog.map((t) => t.name).sort());
      expect(
        tools.filter((t) => !(t in cases)),
        'tools without an isolation case',
      ).toEqual([]);
      const runsBefore = await syncRunsOf(ctx.t, ctx.b.connectionId);
      for (const tool of tools) {
        for (const args of cases[tool]) {
          const result = await client.callTool({ name: tool, arguments: args });
          expectNoB(ctx.b, JSON.stringify(result), `${tool} ${JSON.stringify(args)}`, JSON.stringify(args));
        }
      }
      expect(await syncRunsOf(ctx.t, ctx.b.connectionId)).toBe(runsBefore);
      // the same calls with B's key do see B (so the checks above are not vacuous)
      const own = await connectHttp(ctx.server.url, ctx.b.apiKey);
      const seen = JSON.stringify(await own.callTool({ name: 'list_connections', arguments: {} }));
      expect(seen).toContain(ctx.b.connectionId);
      await own.close();
    } finally {
      await client.close();
    }
  });

  it("covers every WebSocket message type, and none gives A any of B's data", async () => {
    const types = clientMessageSchema.options.map((o) => o.shape.type.value);
    const question = 'What did Bravo-secret-campaign spend in the last 30 days?';
    const wsCases: Record<string, Record<string, unknown>[]> = {
      ask: [
        { type: 'ask', id: 'q1', question, conversationId: ctx.b.conversationId },
        { type: 'ask', id: 'q2', question },
      ],
      sync: [{ type: 'sync', connectionId: ctx.b.connectionId }],
      ping: [{ type: 'ping' }],
    };
    expect(
      types.filter((t) => !(t in wsCases)),
      'message types without an isolation case',
    ).toEqual([]);
    const runsBefore = await syncRunsOf(ctx.t, ctx.b.connectionId);
    const ws = new WebSocket(
      `${ctx.server.url.replace('http', 'ws')}/ws?conversation=${ctx.b.conversationId}`,
      {
        headers: bearer(ctx.a.apiKey),
      },
    );
    const received: string[] = [];
    const replies = new Map<string, (text: string) => void>();
    ws.on('message', (data) => {
      const text = data.toString();
      received.push(text);
      const type = JSON.parse(text).type as string;
      for (const [want, done] of replies) if (want.split('|').includes(type)) done(text);
    });
    const next = (type: string) => new Promise<string>((resolve) => replies.set(type, resolve));
    try {
      const hello = JSON.parse(await next('hello'));
      expect(hello.conversationId).not.toBe(ctx.b.conversationId);
      expect(hello.history).toEqual([]);
      for (const [type, msg] of types.flatMap((t) => wsCases[t].map((m) => [t, m] as const))) {
        const reply = next(type === 'ping' ? 'pong' : type === 'sync' ? 'error' : 'answer|error');
        ws.send(JSON.stringify(msg));
        await Promise.race([
          reply,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`no reply to ${type}: ${received.join('\n')}`)), 20_000),
          ),
        ]);
      }
      const all = received.join('\n');
      expectNoB(ctx.b, all, 'websocket', JSON.stringify(wsCases));
      expect(all).not.toContain('Bravo secret');
      expect(all).toContain('"type":"answer"'); // the second ask was answered (from A's data only)
      expect(await syncRunsOf(ctx.t, ctx.b.connectionId)).toBe(runsBefore);
    } finally {
      ws.close();
    }
  });
});
