// A database that fails under a running MCP server: tool calls answer with an error result, and the
// server keeps serving. PostgreSQL: the real `adnavi mcp` whose database is dropped under it.
// PGlite: an in-process server whose database is closed under it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { logger } from '../../src/log.js';
import { createMcpServer } from '../../src/mcp/mcpServer.js';
import { backends, createTestDb } from '../helpers/db.js';
import { connectStdio, errorText, type StdioClient, structured } from './clients.js';
import { seedAccount } from './seed.js';

type ToolCaller = Pick<Client, 'callTool' | 'listTools'>;

async function expectFailureThenRecovery(client: ToolCaller, range: { since: string; until: string }) {
  const call = () => client.callTool({ name: 'get_metrics', arguments: { metrics: ['spend'], range } });
  expect(errorText(await call())).toMatch(/went wrong on our side \(error id [0-9a-f-]{36}\)/);
  // still serving: a listing and a second call both get answers
  expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  expect(errorText(await call())).toMatch(/went wrong on our side \(error id [0-9a-f-]{36}\)/);
}

describe.runIf(backends.includes('pg'))('adnavi mcp when its PostgreSQL database is dropped', () => {
  it('answers with an error result and keeps serving', async () => {
    const testDb = await createTestDb('pg');
    let mcp: StdioClient | undefined;
    try {
      const seeded = await seedAccount(testDb.db);
      mcp = await connectStdio({
        DATABASE_URL: testDb.url!,
        ADNAVI_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      });
      const before = structured<{ totals: { spend: number } }>(
        await mcp.client.callTool({
          name: 'get_metrics',
          arguments: { metrics: ['spend'], range: seeded.range },
        }),
      );
      expect(before.totals.spend).toBe(seeded.totalSpend);
      await testDb.drop(); // `with (force)`: the server's pooled connections are cut
      await expectFailureThenRecovery(mcp.client, seeded.range);
      expect(mcp.errors).toEqual([]);
    } finally {
      await mcp?.close();
      await testDb.drop().catch(() => undefined);
    }
  });
});

describe('an MCP server whose PGlite database is closed', () => {
  it('answers with an error result and keeps serving', async () => {
    const testDb = await createTestDb('pglite');
    const seeded = await seedAccount(testDb.db);
    const server = createMcpServer({
      db: testDb.db,
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      workspaceId: DEFAULT_WORKSPACE_ID,
      log: logger,
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'adnavi-test', version: '1.0.0' });
    await client.connect(clientSide);
    const before = structured<{ totals: { spend: number } }>(
      await client.callTool({ name: 'get_metrics', arguments: { metrics: ['spend'], range: seeded.range } }),
    );
    expect(before.totals.spend).toBe(seeded.totalSpend);
    await testDb.db.close();
    await expectFailureThenRecovery(client, seeded.range);
    await expect(client.readResource({ uri: 'adnavi://campaigns' })).rejects.toThrow(/internal error/);
    await client.close();
  });
});
