// MCP over Streamable HTTP at /mcp on the real express server: auth by workspace API key (and none in
// local mode), the DNS-rebinding guard, the body limit, and tool calls through the SDK's Client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/accounts.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { waitForBackgroundSyncs } from '../../src/sync/syncService.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { connectHttp, errorText, PING, rawPost, structured } from './clients.js';
import { type Seeded, seedAccount } from './seed.js';

let testDb: TestDb;
let seeded: Seeded;
let local: RunningServer;
let secured: RunningServer;
let apiKey: string;

beforeAll(async () => {
  testDb = await createTestDb('pglite');
  seeded = await seedAccount(testDb.db);
  apiKey = (await createApiKey(testDb.db, DEFAULT_WORKSPACE_ID, 'mcp test', null)).key;
  const config = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  local = await startServer({ db: testDb.db, config, authMode: 'local' }, 0, '127.0.0.1');
  secured = await startServer({ db: testDb.db, config, authMode: 'required' }, 0, '127.0.0.1');
});

afterAll(async () => {
  await local?.close();
  await secured?.close();
  await testDb?.drop();
});

describe('MCP over HTTP, local mode (loopback, no sign-in)', () => {
  it('lists the tools and answers a read tool with structured content and text', async () => {
    const client = await connectHttp(local.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'compare_periods',
        'get_metrics',
        'list_connections',
        'list_entities',
        'sync_status',
        'trigger_sync',
      ].sort(),
    );
    const result = await client.callTool({
      name: 'get_metrics',
      arguments: { metrics: ['spend'], range: seeded.range },
    });
    const out = structured<{ totals: { spend: number } }>(result);
    expect(out.totals.spend).toBe(seeded.totalSpend);
    const text = (result.content as { type: string; text: string }[])[0];
    expect(JSON.parse(text.text)).toEqual(out);
    await client.close();
  });

  it('answers bad arguments with a tool error naming the field', async () => {
    const client = await connectHttp(local.url);
    const result = await client.callTool({ name: 'list_entities', arguments: { level: 'keyword' } });
    expect(errorText(result)).toMatch(/level/);
    await client.close();
  });

  it('refuses a foreign Host header or Origin with 403 (DNS rebinding)', async () => {
    const port = new URL(local.url).port;
    const foreignHost = await rawPost(local.url, { host: `evil.example:${port}` }, PING);
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await rawPost(local.url, { origin: 'http://evil.example' }, PING);
    expect(foreignOrigin.status).toBe(403);
    const ownOrigin = await rawPost(local.url, { origin: `http://localhost:${port}` }, PING);
    expect(ownOrigin.status).toBe(200);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(1_100_000) },
    });
    const answer = await rawPost(local.url, {}, big);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toMatch(/too large/);
  });

  it('is stateless: GET (event stream) answers 405', async () => {
    const res = await fetch(new URL('/mcp', local.url), { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('MCP over HTTP, sign-in required', () => {
  it('refuses a client without a token, or with a wrong one, with 401', async () => {
    await expect(connectHttp(secured.url)).rejects.toThrow(/401|send a workspace API key/);
    await expect(connectHttp(secured.url, 'adn_k_not-a-real-key')).rejects.toThrow(
      /401|send a workspace API key/,
    );
    const raw = await rawPost(secured.url, {}, PING);
    expect(raw.status).toBe(401);
  });

  it('answers every tool for a valid API key', async () => {
    const client = await connectHttp(secured.url, apiKey);
    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });
    const entities = structured<{ rows: { name: string; metrics: { spend: number } }[] }>(
      await call('list_entities', { metrics: ['spend'], range: seeded.range }),
    );
    expect(Object.fromEntries(entities.rows.map((r) => [r.name, r.metrics.spend]))).toEqual(
      seeded.spendByCampaign,
    );
    const compared = structured<{ current: { totals: { spend: number } } }>(
      await call('compare_periods', { metrics: ['spend'], range: seeded.range }),
    );
    expect(compared.current.totals.spend).toBe(seeded.totalSpend);
    const started = structured<{ runs: { run_id: string; connection_id: string }[] }>(
      await call('trigger_sync', { connection_id: seeded.connectionId }),
    );
    expect(started.runs.map((r) => r.connection_id)).toEqual([seeded.connectionId]);
    const status = structured<{ runs: { id: string }[] }>(
      await call('sync_status', { run_id: started.runs[0].run_id }),
    );
    expect(status.runs.map((r) => r.id)).toEqual([started.runs[0].run_id]);
    await client.close();
    await waitForBackgroundSyncs(); // the seeded account has no token: the run fails on its own, quickly
  });

  it('serves the workspace of a valid API key', async () => {
    const client = await connectHttp(secured.url, apiKey);
    const out = structured<{ connections: { id: string }[] }>(
      await client.callTool({ name: 'list_connections', arguments: {} }),
    );
    expect(out.connections.map((c) => c.id)).toEqual([seeded.connectionId]);
    await client.close();
  });
});
