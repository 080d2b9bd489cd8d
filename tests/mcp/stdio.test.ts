// The real `adnavi mcp` (spawned over stdio) against a data dir synced from the simulator: every
// tool, the listing contract (annotations, output schemas), bad arguments, resources and prompts.
// Numbers are checked against the simulator's own Graph answers, not against our code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphList } from '../helpers/simulatorAccount.js';
import { connectStdio, errorText, type StdioClient, structured } from './clients.js';
import { daysAgo } from './seed.js';
import { graphSpend, type SyncedDir, syncedDataDir } from './synced.js';

let synced: SyncedDir;
let mcp: StdioClient;

beforeAll(async () => {
  synced = await syncedDataDir();
  mcp = await connectStdio(synced.env);
}, 120_000);

afterAll(async () => {
  await mcp?.close();
  await synced?.cleanup();
});

const READ_TOOLS = ['list_entities', 'get_metrics', 'compare_periods', 'list_connections', 'sync_status'];

describe('adnavi mcp over stdio', () => {
  it('lists every tool with a title, description, schemas and the right annotations', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS, 'trigger_sync'].sort());
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(Object.keys(tool.outputSchema?.properties ?? {}).length, tool.name).toBeGreaterThan(0);
    }
    for (const name of READ_TOOLS)
      expect(tools.find((t) => t.name === name)?.annotations?.readOnlyHint).toBe(true);
    const sync = tools.find((t) => t.name === 'trigger_sync')?.annotations;
    expect(sync).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
  });

  it('list_connections shows the synced account', async () => {
    const out = structured<{
      connections: { id: string; account_id: string; status: string; last_synced_at: string }[];
    }>(await mcp.client.callTool({ name: 'list_connections', arguments: {} }));
    expect(out.connections).toHaveLength(1);
    expect(out.connections[0]).toMatchObject({
      id: synced.connectionId,
      account_id: synced.accountId,
      status: 'active',
    });
    expect(out.connections[0].last_synced_at).not.toBeNull();
  });

  it('list_entities lists the campaigns Meta has', async () => {
    const graph = await graphList<{ name: string }>(synced.simulator, `${synced.accountId}/campaigns`, {
      fields: 'name',
      limit: '100',
    });
    const out = structured<{ rows: { name: string; level: string }[] }>(
      await mcp.client.callTool({ name: 'list_entities', arguments: { status: 'any', limit: 500 } }),
    );
    expect(graph.length).toBeGreaterThan(0);
    const ours = new Set(out.rows.map((r) => r.name));
    for (const c of graph) expect(ours.has(c.name), c.name).toBe(true);
  });

  it('get_metrics and compare_periods give the spend Meta reports', async () => {
    const current = { since: daysAgo(10), until: daysAgo(4) };
    const previous = { since: daysAgo(17), until: daysAgo(11) };
    const [metaCurrent, metaPrevious] = await Promise.all([
      graphSpend(synced.simulator, synced.accountId, current.since, current.until),
      graphSpend(synced.simulator, synced.accountId, previous.since, previous.until),
    ]);
    expect(metaCurrent).toBeGreaterThan(0);
    const metrics = structured<{ totals: { spend: number }; range: { since: string } }>(
      await mcp.client.callTool({
        name: 'get_metrics',
        arguments: { metrics: ['spend', 'roas'], range: current },
      }),
    );
    expect(metrics.totals.spend).toBeCloseTo(metaCurrent, 2);
    expect(metrics.range.since).toBe(current.since);
    const compared = structured<{
      current: { totals: { spend: number } };
      previous: { totals: { spend: number } };
    }>(
      await mcp.client.callTool({
        name: 'compare_periods',
        arguments: { metrics: ['spend'], range: current, compare_to: previous },
      }),
    );
    expect(compared.current.totals.spend).toBeCloseTo(metaCurrent, 2);
    expect(compared.previous.totals.spend).toBeCloseTo(metaPrevious, 2);
  });

  it('trigger_sync starts a run that sync_status then reports to completion', async () => {
    const started = structured<{ runs: { run_id: string; connection_id: string }[] }>(
      await mcp.client.callTool({ name: 'trigger_sync', arguments: { connection_id: synced.connectionId } }),
    );
    expect(started.runs.map((r) => r.connection_id)).toEqual([synced.connectionId]);
    const runId = started.runs[0].run_id;
    let status = '';
    for (let i = 0; i < 100 && !['succeeded', 'failed', 'cancelled'].includes(status); i++) {
      const out = structured<{ runs: { id: string; status: string }[] }>(
        await mcp.client.callTool({ name: 'sync_status', arguments: { run_id: runId } }),
      );
      expect(out.runs.map((r) => r.id)).toEqual([runId]);
      status = out.runs[0].status;
      if (status !== 'succeeded') await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('succeeded');
  });

  it('answers bad arguments with a tool error naming the field, and keeps serving', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['get_metrics', { metrics: ['profit'] }, /metrics\.0/],
      ['list_entities', { limit: 0 }, /limit/],
      ['get_metrics', { metrics: ['spend'], range: { since: '2026-02-30', until: '2026-03-01' } }, /range/],
      ['trigger_sync', { connection_id: 'not-a-uuid' }, /connection_id/],
      ['sync_status', { run_id: 42 }, /run_id/],
      ['list_connections', { extra: true }, /extra/],
    ];
    for (const [name, args, field] of cases) {
      expect(errorText(await mcp.client.callTool({ name, arguments: args })), name).toMatch(field);
    }
    const after = await mcp.client.callTool({ name: 'list_connections', arguments: {} });
    expect(after.isError).toBeFalsy();
  });

  it('lists and reads the resources', async () => {
    const { resources } = await mcp.client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toEqual(
      expect.arrayContaining([
        'adnavi://connections',
        'adnavi://campaigns',
        `adnavi://connections/${synced.connectionId}`,
      ]),
    );
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('adnavi://connections/{connection_id}');

    const tree = JSON.parse(await readText('adnavi://campaigns')) as {
      campaigns: {
        id: string;
        name: string;
        effective_status: string;
        adsets: { ads: { id: string }[] }[];
      }[];
    };
    const graph = await graphList<{ id: string; effective_status: string }>(
      synced.simulator,
      `${synced.accountId}/campaigns`,
      { fields: 'effective_status', limit: '100' },
    );
    for (const c of graph) {
      expect(tree.campaigns.find((t) => t.id === c.id)?.effective_status, c.id).toBe(c.effective_status);
    }
    const graphAds = await graphList<{ id: string }>(synced.simulator, `${synced.accountId}/ads`, {
      fields: 'id',
      limit: '500',
    });
    const treeAds = new Set(tree.campaigns.flatMap((c) => c.adsets.flatMap((s) => s.ads.map((a) => a.id))));
    for (const ad of graphAds) expect(treeAds.has(ad.id), ad.id).toBe(true);

    const detail = JSON.parse(await readText(`adnavi://connections/${synced.connectionId}`));
    expect(detail.connection.account_id).toBe(synced.accountId);
    expect(detail.runs.length).toBeGreaterThan(0);
    await expect(
      mcp.client.readResource({ uri: 'adnavi://connections/00000000-0000-4000-8000-00000000dead' }),
    ).rejects.toThrow(/no connection/);
  });

  it('lists the prompts, gets both, and completes a campaign name', async () => {
    const { prompts } = await mcp.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['diagnose_campaign', 'weekly_performance_review']);
    const weekly = await mcp.client.getPrompt({
      name: 'weekly_performance_review',
      arguments: { focus: 'ROAS' },
    });
    const weeklyText = (weekly.messages[0].content as { text: string }).text;
    expect(weeklyText).toContain('compare_periods');
    expect(weeklyText).toContain('ROAS');

    const [first] = await graphList<{ name: string }>(synced.simulator, `${synced.accountId}/campaigns`, {
      fields: 'name',
    });
    const completion = await mcp.client.complete({
      ref: { type: 'ref/prompt', name: 'diagnose_campaign' },
      argument: { name: 'campaign', value: first.name.slice(0, 4) },
    });
    expect(completion.completion.values).toContain(first.name);
    const diagnose = await mcp.client.getPrompt({
      name: 'diagnose_campaign',
      arguments: { campaign: first.name },
    });
    expect((diagnose.messages[0].content as { text: string }).text).toContain(`"${first.name}"`);
    await expect(mcp.client.getPrompt({ name: 'diagnose_campaign', arguments: {} })).rejects.toThrow(
      /campaign/,
    );
  });

  it('wrote nothing but JSON-RPC to stdout, and its logs to stderr', () => {
    expect(mcp.errors).toEqual([]);
    expect(mcp.stderr()).toContain('MCP server ready on stdio');
  });
});

async function readText(uri: string): Promise<string> {
  const { contents } = await mcp.client.readResource({ uri });
  expect(contents[0].mimeType).toBe('application/json');
  return (contents[0] as { text: string }).text;
}
