// Reads one request makes more than once, made once per request. A chat question read the workspace's
// connections up to four times (the planner's time zone, then per tool the no-account check and the
// tool's scope), each a statement of its own; on the embedded server every statement queues on the one
// database thread: in an instrumented twenty-client load run the connection reads were ~13% of its time
// (1,054 of 8,049 ms, the no-account check's exists() included). The memo lives on a
// copy of the context made for the request (a planner question, one registry call), never on a
// context that outlives it, so a new connection or a finished sync shows in the next request.
import { type ScopeConnectionRow, scopeConnections } from '../db/analytics/freshness.js';
import type { ToolContext } from './types.js';

export type RequestContext = ToolContext & Required<Pick<ToolContext, 'connections'>>;

/** The context with a per-request read of the workspace's connections (kept if it has one already). */
export function withRequestReads(ctx: ToolContext): RequestContext {
  if (ctx.connections) return ctx as RequestContext;
  let connections: Promise<ScopeConnectionRow[]> | undefined;
  return {
    ...ctx,
    connections: () => {
      connections ??= scopeConnections(ctx.db, ctx.workspaceId);
      return connections;
    },
  };
}

/** The workspace's connections (or the one asked for: none when it is not the workspace's), oldest first. */
export async function requestConnections(
  ctx: ToolContext,
  connectionId?: string,
): Promise<ScopeConnectionRow[]> {
  const all = await withRequestReads(ctx).connections();
  return connectionId === undefined ? all : all.filter((c) => c.id === connectionId);
}
