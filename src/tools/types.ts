// The contract every tool follows. The registry feeds the assistant (offline planner and LLM), the
// MCP server and the chat; a tool is the only way those read data. Workspace scoping lives in the
// context, never in a tool's input, so a model cannot change whose data it reads.
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { ScopeConnectionRow } from '../db/analytics/freshness.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../log.js';
import type { Keyring } from '../secrets/tokenVault.js';

export interface ToolContext {
  db: Db;
  config: Config;
  workspaceId: string;
  log: Logger;
  /** The clock (tests pin it); default () => new Date(). */
  now?: () => Date;
  /** Decrypts connection tokens for trigger_sync; default loadKeyring(config). */
  keyring?: Keyring;
  /** The workspace's connections, read once for the request (requestReads.ts); absent: read when asked. */
  connections?: () => Promise<ScopeConnectionRow[]>;
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  /** Written for a model: what it does, when to use it, what comes back. */
  description: string;
  input: I;
  output: O;
  /** False only for tools that change something (trigger_sync). */
  readOnly: boolean;
  /**
   * Reads the ad account data: with no account connected it fails saying so (callTool), instead of
   * answering zeros that look like an account that spent nothing.
   */
  readsAccountData?: boolean;
  handler(input: z.output<I>, ctx: ToolContext): Promise<z.input<O>>;
}
