// The SDK's own Client over both transports, plus raw HTTP for what a Client cannot send (a foreign
// Host header, an oversized body).
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const REPO = new URL('../..', import.meta.url).pathname;

export interface StdioClient {
  client: Client;
  /** Transport errors: a non-JSON-RPC line on stdout lands here. */
  errors: Error[];
  stderr: () => string;
  close(): Promise<void>;
}

/**
 * Spawns the real `adnavi mcp` with exactly this environment (plus PATH and HOME, and faketime's own
 * variables when the suite runs under it: npm run test:clock, so the server keeps the suite's clock).
 */
export async function connectStdio(env: Record<string, string>): Promise<StdioClient> {
  const clock = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => /^(FAKETIME|LD_PRELOAD|TZ$)/.test(e[0]) && e[1] !== undefined,
    ),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['bin/adnavi.mjs', 'mcp'],
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...clock, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'adnavi-test', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (err) => errors.push(err);
  await client.connect(transport);
  return { client, errors, stderr: () => stderr, close: () => client.close() };
}

export async function connectHttp(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', url), {
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
  const client = new Client({ name: 'adnavi-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The structured output of a successful call (fails the test with the error text otherwise). */
export function structured<T = Record<string, unknown>>(result: Awaited<ReturnType<Client['callTool']>>): T {
  const r = result as CallToolResult;
  if (r.isError) throw new Error(`tool error: ${JSON.stringify(r.content)}`);
  return r.structuredContent as T;
}

export function errorText(result: Awaited<ReturnType<Client['callTool']>>): string {
  const r = result as CallToolResult;
  if (!r.isError) throw new Error(`expected a tool error, got ${JSON.stringify(r.structuredContent)}`);
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

export interface RawAnswer {
  status: number;
  body: string;
}

/** A POST to /mcp with arbitrary headers (node:http lets us set Host, which fetch does not). */
export function rawPost(url: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  const target = new URL('/mcp', url);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
