// Property-based fuzzing of every surface, enumerated from the code (a route, WebSocket message type
// or MCP tool added later fails this suite until it has a case here): every REST route, every
// WebSocket message type and every MCP tool (through the SDK's own client) gets well-formed inputs
// with one hostile value planted (hostileInputs.ts). Each answer must be < 500 (no internal error on
// the socket or in a tool result), every 400 must name the field the hostile value went into, and a
// refused write must leave the stored rows as they were.
//
// ADNAVI_FUZZ_RUNS inputs per route/type/tool (default 8: ~300 per backend, seconds); the 10,000:
//   TEST_DATABASE_URL=… ADNAVI_FUZZ_RUNS=140 npx vitest run tests/security/fuzz.test.ts
//   (37 surfaces × 140 = 5,180 per backend, 10,360 in all; or ADNAVI_FUZZ_RUNS=280 on PGlite alone)
// The suite's inputs are the same on every run (a fixed seed), so CI never passes or fails by luck;
// ADNAVI_FUZZ_SEED=random explores new inputs, and any printed seed replays its run.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { sql } from '../../src/db/sql.js';
import { createApp } from '../../src/server/app.js';
import { clientMessageSchema } from '../../src/server/chatProtocol.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { waitForBackgroundSyncs } from '../../src/sync/syncService.js';
import { catalog } from '../../src/tools/catalog.js';
import { bearer, call, serveTest, sessionCookieOf, type TestServer, testKeyring } from '../auth/harness.js';
import { simulatorEnv } from '../auth/simulatorOAuth.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { connectHttp } from '../mcp/clients.js';
import { expandDeep, hostileString, type Planted, plantedIn } from './hostileInputs.js';
import { rawRequest } from './rawHttp.js';
import { listRoutes, routeKey } from './routes.js';
import { GUARDED_TABLES, type SeededWorkspace, seedWorkspace } from './twoWorkspaces.js';

const RUNS = Number(process.env.ADNAVI_FUZZ_RUNS ?? 8);
const SEED_SETTING = process.env.ADNAVI_FUZZ_SEED ?? '20261130';
const SEED = SEED_SETTING === 'random' ? Date.now() % 2 ** 31 : Number(SEED_SETTING);
const NOW = new Date('2026-11-25T20:00:00Z');
const TABLES = GUARDED_TABLES;

interface Tally {
  tried: number;
  ms: number;
  serverErrors: string[];
  unnamed: string[];
  changed: string[];
}
const tallies = new Map<string, Tally>();
function tally(surface: string): Tally {
  let t = tallies.get(surface);
  if (!t) {
    t = { tried: 0, ms: 0, serverErrors: [], unnamed: [], changed: [] };
    tallies.set(surface, t);
  }
  return t;
}
const show = (v: unknown) => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Whether an error names the planted field: in an issue's field, or in the message. */
function namesField(fields: string[], message: string, planted: string[]): boolean {
  if (planted.length === 0) return fields.length > 0 || /body|JSON|argument|message|object/i.test(message);
  // a lone surrogate reaches the server as U+FFFD through a URL but intact through JSON: try both
  const names = [planted[planted.length - 1], wellFormed(planted[planted.length - 1])];
  const tops = [planted[0], wellFormed(planted[0])];
  return (
    fields.some((f) => f.split('.').some((seg) => names.includes(seg) || tops.includes(seg))) ||
    names.some((n) => message.includes(n) || message.includes(JSON.stringify(n)))
  );
}

type Ctx = {
  server: TestServer;
  sim: Simulator;
  w: SeededWorkspace;
  t: TestDb;
  cookie: Record<string, string>;
};

// ---- REST -------------------------------------------------------------------------------------------

interface RestFuzz {
  /** Credentials: an API key, a session cookie (routes API keys may not use), or none. */
  auth: 'key' | 'session' | 'none';
  params?: (w: SeededWorkspace) => Record<string, string>;
  query?: (w: SeededWorkspace) => Record<string, string>;
  body?: (w: SeededWorkspace) => Record<string, unknown>;
  /** Bodies that are not ours to name fields in (JSON-RPC is answered by the MCP SDK). */
  noFieldCheck?: boolean;
}

const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const restFuzz: Record<string, RestFuzz> = {
  'GET /healthz': { auth: 'none', query: () => ({ verbose: '1' }) },
  'GET /api/openapi.json': { auth: 'none', query: () => ({ format: 'json' }) },
  'POST /mcp': {
    auth: 'key',
    noFieldCheck: true,
    body: () => ({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'get_metrics', arguments: { metrics: ['spend'] } },
    }),
  },
  'ALL /mcp': { auth: 'key', query: () => ({ session: 'x' }) },
  'POST /api/auth/signup': {
    auth: 'none',
    body: () => ({ email: 'fuzz-new@example.com', password: 'correct horse battery', name: 'Fuzz' }),
  },
  'POST /api/auth/login': {
    auth: 'none',
    body: () => ({ email: 'fuzz@example.com', password: 'not the password at all' }),
  },
  'POST /api/auth/logout': { auth: 'key', body: () => ({}) },
  'GET /api/auth/me': { auth: 'key', query: () => ({ x: '1' }) },
  'GET /api/api-keys': { auth: 'key', query: () => ({ limit: '5' }) },
  'POST /api/api-keys': { auth: 'session', body: () => ({ name: 'fuzzed key' }) },
  'DELETE /api/api-keys/:id': {
    auth: 'session',
    params: () => ({ id: '00000000-0000-4000-8000-000000000001' }),
  },
  'GET /api/oauth/meta/start': { auth: 'key', query: () => ({ return_to: '/settings' }) },
  'GET /api/oauth/meta/callback': { auth: 'key', query: (w) => ({ state: `${w.flowId}.sig`, code: 'abc' }) },
  'GET /api/oauth/meta/flows/:id/accounts': { auth: 'key', params: (w) => ({ id: w.flowId }) },
  'POST /api/oauth/meta/flows/:id/connect': {
    auth: 'key',
    params: (w) => ({ id: w.flowId }),
    body: () => ({ account_ids: ['act_1'] }),
  },
  'POST /api/workspaces/:workspaceId/metrics/ingest': {
    auth: 'key',
    params: (w) => ({ workspaceId: w.workspaceId }),
    body: (w) => ({
      connection_id: w.connectionId,
      facts: [
        {
          ad_id: w.adId,
          date: day(-3),
          spend: '1.25',
          impressions: 100,
          clicks: '3',
          purchases: '0.5',
          actions: [{ action_type: 'purchase', value: '1' }],
        },
      ],
    }),
  },
  'GET /api/campaigns': {
    auth: 'key',
    query: (w) => ({
      level: 'adset',
      parent_id: w.campaignId,
      status: 'any',
      since: day(-30),
      until: day(-1),
      sort: 'spend',
      dir: 'asc',
      limit: '10',
    }),
  },
  'GET /api/connections': { auth: 'key', query: () => ({ x: '1' }) },
  'POST /api/connections/:id/sync': {
    auth: 'key',
    params: (w) => ({ id: w.connectionId }),
    body: () => ({ from: day(-10), to: day(-1), full: false }),
  },
  'GET /api/sync-runs/:id': { auth: 'key', params: (w) => ({ id: w.runId }) },
  'GET /api/sync-runs': { auth: 'key', query: (w) => ({ connection_id: w.connectionId, limit: '5' }) },
  'GET /api/sync-health': { auth: 'key', query: () => ({ x: '1' }) },
  'POST /api/sync-jobs/:id/retry': {
    auth: 'key',
    params: () => ({ id: '00000000-0000-4000-8000-00000000beef' }),
    body: () => ({}),
  },
  'GET /api/conversations': { auth: 'key', query: () => ({ limit: '10' }) },
  'PATCH /api/conversations/:id': {
    auth: 'key',
    params: (w) => ({ id: w.conversationId }),
    body: () => ({ title: 'renamed' }),
  },
  'GET /api/conversations/:id/turns/:turn': {
    auth: 'key',
    params: (w) => ({ id: w.conversationId, turn: '1' }),
  },
  'DELETE /api/conversations/:id': {
    auth: 'key',
    params: () => ({ id: '00000000-0000-4000-8000-000000000002' }),
  },
  'GET /.*/': { auth: 'none', params: () => ({ page: 'settings' }) },
};

/** Every byte percent-encoded (lone surrogates become U+FFFD), or the raw text when it is plain ASCII. */
function pathSegment(value: unknown, raw: boolean): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined').slice(0, 300);
  if (raw && /^[\x21-\x7e]*$/.test(s) && !s.includes('/') && !s.includes('?') && !s.includes('#')) return s;
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const queryValue = (v: unknown): string[] =>
  Array.isArray(v) && v.length > 0 && v.length < 5
    ? v.map((x) => (typeof x === 'string' ? x : (JSON.stringify(x) ?? '')))
    : [typeof v === 'string' ? v : (JSON.stringify(v) ?? '')];

function requestPath(
  pattern: string,
  params: Record<string, unknown>,
  query: Record<string, unknown>,
  raw: boolean,
): string {
  let path = pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => pathSegment(params[name], raw));
  if (pattern === '/.*/') path = `/${pathSegment(params.page, raw)}`;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of queryValue(v)) search.append(k, one);
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The route's well-formed request, with nothing planted. */
const cleanPath = (route: string, fuzz: RestFuzz, w: SeededWorkspace) =>
  requestPath(route.split(' ')[1], fuzz.params?.(w) ?? {}, fuzz.query?.(w) ?? {}, false);

interface RestInput {
  path: string;
  body?: string;
  planted: string[];
}

function restInputs(route: string, fuzz: RestFuzz, w: SeededWorkspace): fc.Arbitrary<RestInput> {
  const [, pattern] = route.split(' ');
  const params = fuzz.params?.(w) ?? {};
  const query = fuzz.query?.(w) ?? {};
  const body = fuzz.body?.(w);
  const build = (p: Record<string, unknown>, q: Record<string, unknown>, raw: boolean) =>
    requestPath(pattern, p, q, raw);
  const arbs: fc.Arbitrary<RestInput>[] = [];
  if (Object.keys(params).length) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...Object.keys(params)), hostileString, fc.boolean())
        .map(([name, value, raw]) => ({
          path: build({ ...params, [name]: value }, query, raw),
          body: body && JSON.stringify(body),
          planted: ['path', name], // a 400 may name the parameter, or the path when it is not decodable
        })),
    );
  }
  arbs.push(
    plantedIn(query, ['limit', 'preset', 'x'])
      .filter((p) => p.field.length > 0)
      .map((p: Planted) => ({
        path: build(params, p.input as Record<string, unknown>, false),
        body: body && JSON.stringify(body),
        planted: p.field,
      })),
  );
  if (body) {
    arbs.push(
      plantedIn(body).map((p: Planted) => ({
        path: build(params, query, false),
        body: expandDeep(JSON.stringify(p.input) ?? 'null'),
        planted: p.field,
      })),
    );
  }
  return fc.oneof(...arbs);
}

async function rowCounts(t: TestDb): Promise<string> {
  const counts = await t.db.query<Record<string, number>>(
    sql`select ${sql.join(
      TABLES.map(
        (table) =>
          sql`(select count(*)::int from ${sql.identifier(table, TABLES)}) as ${sql.identifier(table, TABLES)}`,
      ),
    )}`,
  );
  return JSON.stringify(counts[0]);
}

async function fuzzRoute(ctx: Ctx, route: string): Promise<void> {
  const fuzz = restFuzz[route];
  const [verb] = route.split(' ');
  const method = verb === 'ALL' ? 'PUT' : verb;
  const writes = method !== 'GET';
  const headers: Record<string, string> = {
    origin: ctx.server.url,
    accept: 'application/json, text/event-stream',
    ...(fuzz.auth === 'key' ? bearer(ctx.w.apiKey) : fuzz.auth === 'session' ? ctx.cookie : {}),
  };
  const t = tally(`REST ${route}`);
  const started = performance.now();
  const baseline = (
    await rawRequest(ctx.server.url, cleanPath(route, fuzz, ctx.w), {
      method,
      headers,
      body: writes ? JSON.stringify(fuzz.body?.(ctx.w) ?? {}) : undefined,
    })
  ).status;
  await fc.assert(
    fc.asyncProperty(restInputs(route, fuzz, ctx.w), async (input) => {
      t.tried += 1;
      const before = writes ? await rowCounts(ctx.t) : '';
      const answer = await rawRequest(ctx.server.url, input.path, {
        method,
        headers,
        body: writes ? (input.body ?? '{}') : undefined,
      });
      const what = `${method} ${show(input.path)} ${show(input.body ?? '')} → ${answer.status} ${show(answer.body)}`;
      if (answer.status >= 500) t.serverErrors.push(what);
      // a 400 the well-formed request gets too (a refused OAuth token) is not about the planted value
      if (answer.status === 400 && baseline !== 400 && !fuzz.noFieldCheck) {
        let error: { message?: string; issues?: { field: string }[] } = {};
        try {
          error = JSON.parse(answer.body).error ?? {};
        } catch {}
        const fields = (error.issues ?? []).map((i) => i.field);
        if (!namesField(fields, error.message ?? '', input.planted))
          t.unnamed.push(`[${input.planted}] ${what}`);
      }
      if (writes && answer.status >= 400 && answer.status !== 429 && (await rowCounts(ctx.t)) !== before)
        t.changed.push(what);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  t.ms += performance.now() - started;
}

// ---- MCP --------------------------------------------------------------------------------------------

function toolSamples(w: SeededWorkspace): Record<string, Record<string, unknown>> {
  const filters = {
    level: 'campaign',
    entity_ids: [w.campaignId],
    name_contains: 'Alpha',
    status: 'any',
    provider: 'meta',
    connection_id: w.connectionId,
  };
  return {
    list_entities: {
      level: 'campaign',
      status: 'default',
      name_contains: 'Alpha',
      parent_id: w.campaignId,
      metrics: ['spend', 'roas'],
      range: { since: day(-30), until: day(-1) },
      sort: { by: 'spend', direction: 'desc' },
      limit: 10,
    },
    get_metrics: {
      metrics: ['spend', 'ctr'],
      range: { preset: 'last_7d' },
      group_by: 'day',
      filters,
      sort: { by: 'spend', direction: 'asc' },
      limit: 5,
    },
    compare_periods: {
      metrics: ['spend', 'clicks'],
      range: { since: day(-7), until: day(-1) },
      compare_to: { since: day(-14), until: day(-8) },
      level: 'campaign',
      filters,
      top: 3,
    },
    list_connections: {},
    trigger_sync: { connection_id: w.connectionId, from: day(-5), to: day(-1), full: false },
    sync_status: { run_id: w.runId, connection_id: w.connectionId, limit: 3 },
  };
}

async function fuzzTool(
  ctx: Ctx,
  client: Client,
  tool: string,
  sample: Record<string, unknown>,
): Promise<void> {
  const t = tally(`MCP ${tool}`);
  const writes = tool === 'trigger_sync';
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(plantedIn(sample), async (p) => {
      t.tried += 1;
      const before = writes ? await rowCounts(ctx.t) : '';
      let text: string;
      let isError: boolean;
      try {
        const result = (await client.callTool({
          name: tool,
          arguments: p.input as Record<string, unknown>,
        })) as { isError?: boolean; content: { text?: string }[] };
        text = result.content.map((c) => c.text ?? '').join(' ');
        isError = result.isError === true;
      } catch (err) {
        // a protocol error instead of a tool result: the SDK refused the call before our handler
        text = `protocol error ${err instanceof McpError ? err.code : ''}: ${(err as Error).message}`;
        isError = true;
      }
      const what = `${tool} ${show(p.input)} → ${show(text)}`;
      if (/error id|internal|protocol error -32603/i.test(text)) t.serverErrors.push(what);
      else if (isError && /Invalid arguments|protocol error/.test(text)) {
        const message = text.replace(/^Invalid arguments: /, '');
        const fields = [...message.matchAll(/(?:^|; )([\w.()]+):/g)].map((m) => m[1]);
        if (/protocol error/.test(text) || !namesField(fields, message, p.field))
          t.unnamed.push(`[${p.field}] ${what}`);
      }
      if (writes && isError && (await rowCounts(ctx.t)) !== before) t.changed.push(what);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  t.ms += performance.now() - started;
}

// ---- WebSocket --------------------------------------------------------------------------------------

interface Reply {
  type: string;
  message?: string;
  field?: string;
}

/** A chat socket that hands out replies one at a time, and reopens when the server closes it. */
class ChatProbe {
  private ws!: WebSocket;
  private inbox: Reply[] = [];
  private waiters: ((r: Reply | { type: 'closed'; code: number }) => void)[] = [];
  closes: number[] = [];
  constructor(private readonly ctx: Ctx) {}

  async open(): Promise<void> {
    this.ws = new WebSocket(`${this.ctx.server.url.replace('http', 'ws')}/ws`, {
      headers: bearer(this.ctx.w.apiKey),
    });
    this.ws.on('error', () => undefined); // an oversized frame ends in a close, handled below
    const hello = new Promise<void>((resolve) => {
      this.ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as Reply;
        if (m.type === 'hello') return resolve();
        if (['answer_delta', 'tool_call', 'tool_result'].includes(m.type)) return;
        const waiter = this.waiters.shift();
        if (waiter) waiter(m);
        else this.inbox.push(m);
      });
    });
    this.ws.on('close', (code) => {
      this.closes.push(code);
      for (const w of this.waiters.splice(0)) w({ type: 'closed', code });
    });
    await hello;
  }

  /** Sends one frame and waits for the reply to it (answer, error, pong or sync progress). */
  async send(text: string): Promise<Reply | { type: 'closed'; code: number }> {
    this.inbox = this.inbox.filter((m) => m.type !== 'sync_progress');
    if (this.ws.readyState !== WebSocket.OPEN) await this.open();
    const reply = new Promise<Reply | { type: 'closed'; code: number }>((resolve) => {
      const ready = this.inbox.shift();
      if (ready) resolve(ready);
      else this.waiters.push(resolve);
    });
    this.ws.send(text);
    return reply;
  }

  close(): void {
    this.ws.close();
  }
}

function messageSamples(w: SeededWorkspace): Record<string, Record<string, unknown>> {
  return {
    ask: {
      type: 'ask',
      id: 'q1',
      question: 'how much did Alpha spend last week?',
      conversationId: w.conversationId,
    },
    sync: { type: 'sync', connectionId: w.connectionId },
    ping: { type: 'ping' },
  };
}

async function fuzzMessage(probe: ChatProbe, type: string, sample: Record<string, unknown>): Promise<void> {
  const t = tally(`WS ${type}`);
  const frames = fc.oneof(
    {
      weight: 9,
      arbitrary: plantedIn(sample).map((p) => ({
        text: expandDeep(JSON.stringify(p.input) ?? 'null'),
        planted: p.field,
      })),
    },
    { weight: 1, arbitrary: hostileString.map((s) => ({ text: s, planted: [] as string[] })) },
  );
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(frames, async (frame) => {
      t.tried += 1;
      const reply = await probe.send(frame.text);
      const what = `${show(frame.text)} → ${show(reply)}`;
      if (reply.type === 'closed') {
        // only an oversized frame may end the socket (1009); anything else is a crash of ours
        if ((reply as { code: number }).code !== 1009) t.serverErrors.push(what);
        return;
      }
      const r = reply as Reply;
      if (r.type === 'error' && /error id|went wrong/i.test(r.message ?? '')) t.serverErrors.push(what);
      if (
        r.type === 'error' &&
        r.field !== undefined &&
        !namesField([r.field], r.message ?? '', frame.planted)
      )
        t.unnamed.push(`[${frame.planted}] ${what}`);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  t.ms += performance.now() - started;
}

// ---- the suite --------------------------------------------------------------------------------------

const examples = (pick: (t: Tally) => string[]) =>
  [...tallies].flatMap(([surface, t]) =>
    pick(t)
      .slice(0, 3)
      .map((e) => `${surface}: ${e}`),
  );

function report(kind: string): { tried: number; errors: number; unnamed: number; changed: number } {
  const lines = [...tallies].map(
    ([surface, t]) =>
      `${surface.padEnd(52)} ${String(t.tried).padStart(6)} tried ${String(Math.round(t.ms)).padStart(6)} ms  ${t.serverErrors.length} 5xx  ${t.unnamed.length} unnamed  ${t.changed.length} changed`,
  );
  const sum = (f: (t: Tally) => number) => [...tallies.values()].reduce((n, t) => n + f(t), 0);
  const totals = {
    tried: sum((t) => t.tried),
    errors: sum((t) => t.serverErrors.length),
    unnamed: sum((t) => t.unnamed.length),
    changed: sum((t) => t.changed.length),
  };
  const found = [
    ...examples((t) => t.serverErrors).map((e) => `5xx: ${e}`),
    ...examples((t) => t.unnamed).map((e) => `unnamed: ${e}`),
    ...examples((t) => t.changed).map((e) => `changed: ${e}`),
  ];
  process.stdout.write(
    `${found.join('\n')}\nfuzz (${kind}, ${RUNS} runs each, seed ${SEED}):\n${lines.join('\n')}\n` +
      `TOTAL ${totals.tried} inputs tried, ${totals.errors} server errors (5xx), ${totals.unnamed} 4xx without the field, ${totals.changed} refused writes that changed rows\n`,
  );
  return totals;
}

describe.each(backends)('fuzzing every surface (%s)', (kind) => {
  const ctx = {} as Ctx;
  beforeAll(async () => {
    tallies.clear();
    ctx.t = await createTestDb(kind);
    const keyring = testKeyring();
    ctx.w = await seedWorkspace(ctx.t.db, keyring, 'Alpha', '111.11');
    // Meta is the simulator, and it takes the seeded token: OAuth and syncs get answers at once, from loopback
    ctx.sim = await startSimulator({ now: () => NOW, accessToken: ctx.w.metaToken });
    ctx.server = await serveTest(ctx.t.db, {
      keyring,
      env: { ...simulatorEnv(ctx.sim), ADNAVI_RATE_LIMIT: '1000000', ADNAVI_ASK_RATE_LIMIT: '1000000' },
      deps: { now: () => NOW },
    });
    ctx.server.deps.assistant = createAssistant(ctx.server.deps.config);
    ctx.cookie = sessionCookieOf(
      await call(ctx.server.url, '/api/auth/signup', {
        method: 'POST',
        body: { email: 'fuzz@example.com', password: 'correct horse battery' },
      }),
    );
  });
  afterAll(async () => {
    await waitForBackgroundSyncs();
    await ctx.server?.close();
    await ctx.t?.drop();
    await ctx.sim?.close();
  });

  it(
    'every REST route, WebSocket message type and MCP tool: no 5xx, field-named 400s, refused writes change nothing',
    async () => {
      const routes = listRoutes(createApp(ctx.server.deps)).map(routeKey);
      expect(
        routes.filter((r) => !(r in restFuzz)),
        'routes without a fuzz case',
      ).toEqual([]);
      for (const route of routes) await fuzzRoute(ctx, route);

      const client = await connectHttp(ctx.server.url, ctx.w.apiKey);
      try {
        const samples = toolSamples(ctx.w);
        const tools = (await client.listTools()).tools.map((t) => t.name);
        expect(tools.sort()).toEqual(catalog.map((t) => t.name).sort());
        expect(
          tools.filter((t) => !(t in samples)),
          'tools without a fuzz case',
        ).toEqual([]);
        for (const tool of tools) await fuzzTool(ctx, client, tool, samples[tool]);
      } finally {
        await client.close();
      }

      const probe = new ChatProbe(ctx);
      await probe.open();
      try {
        const samples = messageSamples(ctx.w);
        const types = clientMessageSchema.options.map((o) => o.shape.type.value);
        expect(
          types.filter((t) => !(t in samples)),
          'message types without a fuzz case',
        ).toEqual([]);
        for (const type of types) await fuzzMessage(probe, type, samples[type]);
      } finally {
        probe.close();
      }

      const totals = report(kind);
      expect(totals.tried).toBeGreaterThanOrEqual(RUNS * (routes.length + 6 + 3));
      expect(
        examples((t) => t.serverErrors),
        'server errors',
      ).toEqual([]);
      expect(
        examples((t) => t.unnamed),
        '400s that do not name the field',
      ).toEqual([]);
      expect(
        examples((t) => t.changed),
        'refused writes that changed stored rows',
      ).toEqual([]);
      expect((await call(ctx.server.url, '/healthz')).status).toBe(200);
      // generous: a shared 2-core machine answers an input in 50–150 ms
    },
    120_000 + RUNS * 40 * 500,
  );
});
