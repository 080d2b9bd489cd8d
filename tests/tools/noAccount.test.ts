// A workspace with no ad account connected: every data tool says so, in the registry and over MCP,
// instead of answering zeros that read like an account that spent nothing; list_connections still
// answers (an empty list is the truth), and once an account is connected the same calls answer. The
// offline assistant says so in words.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { logger } from '../../src/log.js';
import { createMcpServer } from '../../src/mcp/mcpServer.js';
import { callTool } from '../../src/tools/registry.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { makeConnection } from '../helpers/fixtures.js';

const DATA_CALLS: [string, Record<string, unknown>][] = [
  ['get_metrics', { metrics: ['spend'], range: { preset: 'last_30d' } }],
  ['list_entities', { level: 'campaign' }],
  ['compare_periods', { metrics: ['spend'], range: { preset: 'last_7d' } }],
];

describe.each(backends)('no connected account on %s', (kind) => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('data tools say so in the registry and over MCP; list_connections answers an empty list', async () => {
    t = await createTestDb(kind);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const ctx = { db: t.db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger };
    for (const [name, input] of DATA_CALLS) {
      await expect(callTool(name, input, ctx), name).rejects.toThrow(/No ad account is connected/);
    }
    expect(await callTool('list_connections', {}, ctx)).toMatchObject({ connections: [] });

    const server = createMcpServer({ ...ctx });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'adnavi-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      for (const [name, input] of DATA_CALLS) {
        const result = (await client.callTool({ name, arguments: input })) as CallToolResult;
        expect(result.isError, name).toBe(true);
        const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
        expect(text).toContain('No ad account is connected');
        expect(text).toContain('adnavi connect meta');
      }

      // connected: the same call answers (zeros now are the account's truth)
      await makeConnection(t.db, DEFAULT_WORKSPACE_ID, { currency: 'USD', timeZone: 'UTC' });
      const ok = (await client.callTool({
        name: 'get_metrics',
        arguments: DATA_CALLS[0][1],
      })) as CallToolResult;
      expect(ok.isError ?? false).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('the offline assistant says no account is connected, without a number or a tool call', async () => {
    t = await createTestDb(kind);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const ctx = { db: t.db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger };
    const r = await createAssistant(config).ask('what was my spend yesterday?', { ctx });
    expect(r.answer).toMatch(/^No ad account is connected yet/);
    expect(r.toolCalls).toEqual([]);
  });
});
