// bench:load's clients, in a process of their own (fork of this file): with the server's answers
// served from its result cache, 20 clients in the server's process took much of its one thread, and
// the figures measured the load generator as much as the server. clientsProcess runs `clients` of them
// for `seconds` against a server and returns every call's time; which kind a client is follows its
// index (REST, chat, MCP in turn).
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import WebSocket from 'ws';

export type Kind = 'rest' | 'chat' | 'mcp';
export interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

const REST_PATHS = [
  '/api/campaigns',
  '/api/campaigns?level=adset&preset=last_7d',
  '/api/campaigns?level=ad&limit=50',
  '/api/connections',
];
const QUESTIONS = [
  'what was my spend in the last 30 days?',
  'top 5 ads by revenue last 30 days',
  'which ad set had the best ROAS last week',
  'compare spend this week vs last week',
  'spend by day last 14 days',
  'how many ads are active?',
];
const MCP_CALLS: { name: string; arguments: Record<string, unknown> }[] = [
  { name: 'get_metrics', arguments: { metrics: ['spend', 'roas'], range: { preset: 'last_30d' } } },
  {
    name: 'get_metrics',
    arguments: { metrics: ['spend', 'revenue'], range: { preset: 'last_30d' }, group_by: 'ad', limit: 20 },
  },
  {
    name: 'list_entities',
    arguments: { level: 'adset', metrics: ['spend', 'ctr'], range: { preset: 'last_90d' }, limit: 20 },
  },
  {
    name: 'compare_periods',
    arguments: { metrics: ['spend'], range: { preset: 'last_7d' }, level: 'ad', top: 5 },
  },
];

/** One chat socket: questions in turn, each awaited until its answer (or error) arrives. */
async function openChat(baseUrl: string): Promise<(question: string) => Promise<boolean>> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  const waiting = new Map<string, (ok: boolean) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; id?: string };
    if ((msg.type === 'answer' || msg.type === 'error') && msg.id)
      waiting.get(msg.id)?.(msg.type === 'answer');
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let n = 0;
  return (question) =>
    new Promise((resolve) => {
      const id = `q${++n}`;
      waiting.set(id, (ok) => {
        waiting.delete(id);
        resolve(ok);
      });
      ws.send(JSON.stringify({ type: 'ask', id, question }));
    });
}

async function openMcp(baseUrl: string): Promise<Client> {
  const client = new Client({ name: 'adnavi-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', baseUrl)));
  return client;
}

/** One client's loop until the deadline; which kind it is follows its index (REST, chat, MCP in turn). */
async function runClient(index: number, baseUrl: string, deadline: number, samples: Sample[]): Promise<void> {
  const kind: Kind = (['rest', 'chat', 'mcp'] as const)[index % 3];
  const ask = kind === 'chat' ? await openChat(baseUrl) : undefined;
  const mcp = kind === 'mcp' ? await openMcp(baseUrl) : undefined;
  try {
    for (let i = index; performance.now() < deadline; i++) {
      const t0 = performance.now();
      let ok = false;
      try {
        if (kind === 'rest') {
          const res = await fetch(`${baseUrl}${REST_PATHS[i % REST_PATHS.length]}`);
          await res.arrayBuffer();
          ok = res.ok;
        } else if (ask) {
          ok = await ask(QUESTIONS[i % QUESTIONS.length]);
        } else if (mcp) {
          const result = (await mcp.callTool(MCP_CALLS[i % MCP_CALLS.length])) as CallToolResult;
          ok = !result.isError;
        }
      } catch {
        ok = false;
      }
      samples.push({ kind, ms: performance.now() - t0, ok });
    }
  } finally {
    await mcp?.close();
  }
}

interface Job {
  url: string;
  clients: number;
  seconds: number;
}

/** Runs the clients in a child process; resolves with their samples and how long they ran (s). */
export function clientsProcess(
  url: string,
  clients: number,
  seconds: number,
): Promise<{ samples: Sample[]; seconds: number }> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as { samples: Sample[]; seconds: number }));
    child.once('exit', (code) => reject(new Error(`load clients exited (${code})`)));
    child.send({ url, clients, seconds } satisfies Job);
  });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', async (m) => {
    const job = m as Job;
    const samples: Sample[] = [];
    const t0 = performance.now();
    const deadline = t0 + job.seconds * 1000;
    await Promise.all(
      Array.from({ length: job.clients }, (_, i) => runClient(i, job.url, deadline, samples)),
    );
    process.send!({ samples, seconds: (performance.now() - t0) / 1000 }, () => process.exit(0));
  });
}
