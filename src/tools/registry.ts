// The tool registry: one list of tools, and the one way to call a tool by name. Input is parsed with
// the tool's zod schema (a failure is a ValidationError naming the field); output is checked against
// the output schema so the contract cannot drift silently.
import { NotFoundError, parseInput } from '../errors.js';
import { catalog as tools } from './catalog.js';
import { withRequestReads } from './requestReads.js';
import type { ToolContext, ToolDefinition } from './types.js';

/** What a data tool answers in a workspace with no ad account: never zeros that look like a quiet account. */
export const NO_ACCOUNT =
  'No ad account is connected in this workspace, so there is no data to report (not zero spend): connect one (Settings → Connect Meta Ads in the web app, or adnavi connect meta --account act_ID --token TOKEN), or run adnavi demo for a simulated account.';

export function listTools(): readonly ToolDefinition[] {
  return tools;
}

export function getTool(name: string): ToolDefinition {
  const tool = tools.find((t) => t.name === name);
  if (!tool)
    throw new NotFoundError(`unknown tool "${name}"; available: ${tools.map((t) => t.name).join(', ')}`);
  return tool;
}

/** Validates input, runs the tool in the caller's workspace, validates output. */
export async function callTool(name: string, rawInput: unknown, callerCtx: ToolContext): Promise<unknown> {
  const tool = getTool(name);
  const input = parseInput(tool.input, rawInput ?? {});
  // the no-account check and the tool's own scope read the connections once between them
  const ctx = withRequestReads(callerCtx);
  if (tool.readsAccountData && (await ctx.connections()).length === 0) {
    throw new NotFoundError(NO_ACCOUNT);
  }
  const output = await tool.handler(input, ctx);
  return tool.output.parse(output);
}
