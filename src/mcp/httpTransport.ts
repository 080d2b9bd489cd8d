// MCP over Streamable HTTP at /mcp, mounted in the express app.
//
// Stateless: every POST builds a server for the caller's workspace, answers, and is gone. Our tools
// are plain request/response (no subscriptions, no server-initiated messages), so a session would
// hold nothing but memory to leak; stateless also means any worker behind a load balancer can answer
// any request, and the caller is authenticated on every request rather than once per session.
// GET (a server-to-client event stream) and DELETE (ending a session) therefore answer 405.
//
// Order of checks: DNS-rebinding (Host/Origin) → authentication → body size (1 MB) → MCP.
import type { IncomingMessage } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import { logger } from '../log.js';
import type { ServerDeps } from '../server/deps.js';
import { defaultAllowedHosts, rebindingRefusal } from '../server/hostAllowList.js';
import { type McpAuthenticate, workspaceKeyAuthenticate } from './auth.js';
import { createMcpServer } from './mcpServer.js';

export interface McpHttpOptions {
  /** Default: workspace API keys, and no credentials needed in local mode (see auth.ts). */
  authenticate?: McpAuthenticate;
  /** Hostnames accepted in Host/Origin. Default: the server's allow-list (src/server/hostAllowList.ts). */
  allowedHosts?: string[];
  /** Largest request body in bytes; default 1 MB. A bigger one gets 413. */
  maxBodyBytes?: number;
}

/** JSON-RPC error codes the transport layer uses for refusals that never reach the MCP server. */
const RPC_SERVER_ERROR = -32000;
const RPC_INVALID_REQUEST = -32600;
const RPC_PARSE_ERROR = -32700;
const MAX_BODY_BYTES = 1024 * 1024;

function rpcError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

function rebindingGuard(allowed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const refusal = rebindingRefusal(req.headers, allowed);
    if (!refusal) return next();
    logger.warn(
      { host: req.headers.host, origin: req.headers.origin },
      'MCP request refused (DNS-rebinding guard)',
    );
    rpcError(res, 403, RPC_SERVER_ERROR, refusal);
  };
}

function requireWorkspace(authenticate: McpAuthenticate): RequestHandler {
  return async (req, res, next) => {
    try {
      const caller = await authenticate(req as IncomingMessage);
      if (!caller) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="adnavi"');
        rpcError(res, 401, RPC_SERVER_ERROR, 'send a workspace API key as "Authorization: Bearer adn_k_…"');
        return;
      }
      res.locals.mcpWorkspaceId = caller.workspaceId;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** body-parser's failures (too large, malformed JSON) as JSON-RPC errors with their HTTP status. */
const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err?.type === 'entity.too.large')
    return rpcError(res, 413, RPC_INVALID_REQUEST, 'request body is too large');
  if (err?.type === 'entity.parse.failed')
    return rpcError(res, 400, RPC_PARSE_ERROR, 'request body is not valid JSON');
  next(err);
};

function handlePost(deps: ServerDeps, maxBodyBytes: number): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const requestId = (res.locals.ctx as { requestId?: string } | undefined)?.requestId;
    const workspaceId = res.locals.mcpWorkspaceId as string;
    const log = logger.child({ requestId, workspaceId, surface: 'mcp-http' });
    const server = createMcpServer({ db: deps.db, config: deps.config, workspaceId, log, now: deps.now });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: maxBodyBytes, // applies when the body was not JSON-typed (express.json skipped it)
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      next(err);
    }
  };
}

/** The /mcp router; mount with app.use('/mcp', mcpRouter(deps)). */
export function mcpRouter(deps: ServerDeps, options: McpHttpOptions = {}): Router {
  const router = Router();
  router.use(rebindingGuard(options.allowedHosts ?? defaultAllowedHosts(deps.config)));
  router.use(requireWorkspace(options.authenticate ?? workspaceKeyAuthenticate(deps)));
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  router.post('/', express.json({ limit: maxBodyBytes }), handlePost(deps, maxBodyBytes));
  router.all('/', (_req, res) => {
    res.setHeader('Allow', 'POST');
    rpcError(res, 405, RPC_SERVER_ERROR, 'this server is stateless: use POST (no event stream, no sessions)');
  });
  router.use(bodyErrors);
  return router;
}
