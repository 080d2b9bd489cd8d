// The HTTP layer: a node:http server bound to 127.0.0.1 only. For each call it strips the version,
// counts the call, applies latency, routes OAuth endpoints (no token needed), authenticates data
// calls, applies the transient-failure and throttle faults, answers, and puts the four usage
// headers on every answer (errors included) as Meta does.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallLog } from './callLog.js';
import {
  GraphError,
  invalidParameter,
  missingToken,
  rateLimited,
  tokenExpired,
  transientError,
} from './errors.js';
import type { Faults } from './faults.js';
import type { TokenStore } from './oauth.js';
import { accountIdOf, type DataRoutes, type GraphRequest } from './routes.js';
import { type UsageMeter, usageHeaders } from './usage.js';
import type { World } from './world.js';

export interface ServerParts {
  world: World;
  routes: DataRoutes;
  tokens: TokenStore;
  faults: Faults;
  calls: CallLog;
  usage: UsageMeter;
  /** Each account has its own call budget (fleet mode): usage headers and throttling per account. */
  accountBudgets?: boolean;
  appSecret: string;
}

const VERSION_RE = /^\/(v\d+\.\d+)(?=\/|$)/;
const MAX_BODY = 1_000_000;

export function createGraphServer(parts: ServerParts): Server {
  // Idle keep-alive sockets outlive the clients' (fetch keeps one 4 s): at Node's 5 s default a fetch
  // could reuse a socket in the instant this server closed it (undici#3141) and get ECONNRESET, which
  // tests on a busy machine saw now and then. serve.ts keeps the app's open as long, for the same reason.
  return createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, (req, res) => {
    handle(parts, req, res).catch((err) => {
      const e = err instanceof GraphError ? err : transientError();
      sendJson(res, e.status, { error: e.body }, {});
    });
  });
}

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method !== 'POST') return params;
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw invalidParameter('Request body too large');
  }
  if (body.trim() === '') return params;
  if ((req.headers['content-type'] ?? '').includes('json')) {
    let obj: unknown;
    try {
      obj = JSON.parse(body);
    } catch {
      throw invalidParameter('Request body is not valid JSON');
    }
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
  } else {
    for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  }
  return params;
}

function tokenOf(req: IncomingMessage, params: URLSearchParams): string | undefined {
  const auth = req.headers.authorization;
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth);
  if (bearer) return bearer[1].trim();
  return params.get('access_token') ?? undefined;
}

function checkProof(token: string, params: URLSearchParams, secret: string): void {
  const proof = params.get('appsecret_proof');
  if (proof === null) return;
  const expected = createHmac('sha256', secret).update(token).digest('hex');
  const ok = proof.length === expected.length && timingSafeEqual(Buffer.from(proof), Buffer.from(expected));
  if (!ok) throw invalidParameter('Invalid appsecret_proof provided in the API argument');
}

async function handle(p: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = `http://${req.headers.host ?? '127.0.0.1'}`;
  const url = new URL(req.url ?? '/', host);
  const versionMatch = VERSION_RE.exec(url.pathname);
  const versionPrefix = versionMatch ? `/${versionMatch[1]}` : '';
  const path = url.pathname.slice(versionPrefix.length).replace(/\/+$/, '') || '/';
  const segments = path.split('/').filter(Boolean);
  const ordinal = p.calls.record(path);
  const nowMs = Date.now();
  if (!p.accountBudgets) p.usage.record(nowMs);
  const insights = segments.includes('insights');
  let accountId = p.world.accounts()[0].accountId;
  let throttle = p.faults.throttleRead(nowMs);
  const usageKey = () => (p.accountBudgets ? accountId : '');
  const headers = () =>
    usageHeaders({ accountId, insights, basePercent: p.usage.percent(nowMs, usageKey()), throttle });
  try {
    const latency = p.faults.value.latencyMs ?? 0;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const params = await readParams(req, url);
    if (path === '/dialog/oauth') {
      const answer = p.tokens.dialog(params);
      if ('html' in answer) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers() });
        res.end(answer.html);
        return;
      }
      res.writeHead(302, { location: answer.location, ...headers() });
      res.end();
      return;
    }
    const token = tokenOf(req, params);
    if (path === '/oauth/access_token') return sendJson(res, 200, p.tokens.accessToken(params), headers());
    if (path === '/debug_token') {
      return sendJson(res, 200, p.tokens.debug(params, token, !!p.faults.value.tokenExpired), headers());
    }
    accountId = accountIdOf(p.world, segments);
    // a call refused for the budget does not count against it (Meta's window counts what it served)
    const spent = p.accountBudgets ? p.usage.exhausted(nowMs, accountId) : undefined;
    if (spent) {
      throttle = spent;
      throw rateLimited('buc', insights);
    }
    if (p.accountBudgets) p.usage.record(nowMs, accountId);
    if (!token) throw missingToken();
    if (p.faults.value.tokenExpired) throw tokenExpired();
    p.tokens.authorize(token);
    checkProof(token, params, p.appSecret);
    if (p.faults.failsCall(ordinal)) throw transientError();
    throttle = p.faults.throttleStep(nowMs);
    if (throttle?.blocked) throw rateLimited(throttle.kind, insights);
    const graphReq: GraphRequest = {
      method: req.method ?? 'GET',
      path,
      segments,
      versionPrefix,
      params,
      token,
      baseUrl: host,
    };
    sendJson(res, 200, p.routes.handle(graphReq), headers());
  } catch (err) {
    if (!(err instanceof GraphError)) throw err;
    sendJson(res, err.status, { error: err.body }, headers());
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
