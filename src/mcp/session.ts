// What one MCP connection (stdio) or one HTTP request serves: a database, the configuration and the
// caller's workspace. Each tool call gets its own context with a child logger carrying a request id,
// so a call can be traced through the layers.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../log.js';
import type { ToolContext } from '../tools/types.js';

export interface McpSession {
  db: Db;
  config: Config;
  workspaceId: string;
  log: Logger;
  /** The clock handed to tools (tests pin it); default: the real one. */
  now?: () => Date;
}

/** A tool call's context. Over HTTP the session's logger already carries the HTTP request id (also sent
 * as X-Request-Id); over stdio each call gets its own. */
export function toolContext(session: McpSession, what: Record<string, unknown>): ToolContext {
  const hasRequestId = session.log.bindings().requestId !== undefined;
  const ctx: ToolContext = {
    db: session.db,
    config: session.config,
    workspaceId: session.workspaceId,
    log: session.log.child(hasRequestId ? what : { requestId: randomUUID(), ...what }),
    now: session.now,
  };
  return ctx;
}
