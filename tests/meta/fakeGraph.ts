// A tiny loopback HTTP server for the client behaviours the simulator does not produce (a failed async
// job, an HTML 502 from a proxy, a dropped connection) and for watching exactly what the SDK sends.

import diagnostics from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

export interface FakeAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Drop the connection without answering. */
  hangUp?: boolean;
  delayMs?: number;
}

export interface FakeGraph {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeGraph(
  answer: (req: SeenRequest, n: number) => FakeAnswer,
): Promise<FakeGraph> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const r: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body };
    seen.push(r);
    const a = answer(r, seen.length);
    if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs));
    if (a.hangUp) {
      req.socket.destroy();
      return;
    }
    const text = a.text ?? JSON.stringify(a.json ?? {});
    const type = a.text === undefined ? 'application/json' : 'text/html';
    res.writeHead(a.status ?? 200, { 'content-type': type, ...a.headers });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const noSleep = async (_ms: number) => {};

/** Records the host of every outgoing HTTP request made by this process (axios included). */
export function watchOutgoingHosts(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: { host: string } };
    hosts.push(request.host);
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  return { hosts, stop: () => diagnostics.unsubscribe('http.client.request.start', onStart) };
}
