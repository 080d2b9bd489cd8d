// The registry's tools over MCP. We answer tools/list and tools/call ourselves on the low-level
// Server rather than through McpServer.registerTool, so that arguments are validated once, by the
// registry's callTool, and a bad argument comes back as OUR error naming the field (the SDK's own
// validation would answer with its own wording, or as a protocol error). Results carry the output as
// structuredContent plus the same object as compact JSON text for clients that only show text.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestParamsSchema,
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AppError, ValidationError } from '../errors.js';
import type { Logger } from '../log.js';
import { toolJsonSchema } from '../tools/jsonSchema.js';
import { callTool, listTools } from '../tools/registry.js';
import type { ToolDefinition } from '../tools/types.js';
import { toUserError } from '../userErrors.js';
import { type McpSession, toolContext } from './session.js';

type JsonObjectSchema = Tool['inputSchema'];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  toolJsonSchema(schema, io) as JsonObjectSchema;

function describeTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input'),
    outputSchema: jsonSchema(tool.output, 'output'),
    annotations: tool.readOnly
      ? { title: tool.title, readOnlyHint: true, openWorldHint: false }
      : // trigger_sync: starts a sync run (a write), never deletes anything, and calling it twice
        // can start two runs, so it is neither destructive nor idempotent.
        {
          title: tool.title,
          readOnlyHint: false,
          destructiveHint: false,
          idempotentHint: false,
          openWorldHint: true,
        },
  };
}

/** The text a person (or model) reads when a call fails (src/userErrors.ts; internal ones by error id). */
function toolErrorMessage(err: unknown, log: Logger): string {
  const message = toUserError(err, log, 'tool call failed').message;
  return err instanceof ValidationError ? `Invalid arguments: ${message}` : message;
}

// Converting zod to JSON Schema costs tens of milliseconds for the six tools, and the HTTP transport
// builds a server per request: describe each tool once per process.
const described = new WeakMap<ToolDefinition, Tool>();
function describeOnce(tool: ToolDefinition): Tool {
  let d = described.get(tool);
  if (!d) {
    d = describeTool(tool);
    described.set(tool, d);
  }
  return d;
}

// The SDK's Server checks tools/call against its own schema before any handler runs, so `arguments`
// that is not an object (a string, an array, a number) used to come back as a bare protocol error
// holding a zod dump. We take any `arguments` here and refuse it ourselves, naming the field; the
// handler is registered on the Protocol underneath, past the Server's own check (our results are
// built below, in the shape that check would verify).
const callToolAnyArguments = CallToolRequestSchema.extend({
  params: CallToolRequestParamsSchema.extend({ arguments: z.unknown().optional() }),
});
type CallToolAnyArguments = z.output<typeof callToolAnyArguments>;
type CallHandler = (
  request: CallToolAnyArguments,
  extra: { requestId: string | number },
) => Promise<CallToolResult>;

function onCallTool(server: Server, handler: CallHandler): void {
  (Protocol.prototype.setRequestHandler as (schema: unknown, handler: CallHandler) => void).call(
    server,
    callToolAnyArguments,
    handler,
  );
}

/** Tool arguments must be an object of named values (absent means none). */
function argumentsObject(args: unknown): Record<string, unknown> {
  if (args === undefined || args === null) return {};
  if (typeof args === 'object' && !Array.isArray(args)) return args as Record<string, unknown>;
  const got = Array.isArray(args) ? 'an array' : `a ${typeof args}`;
  throw ValidationError.field('arguments', `must be an object of named arguments, not ${got}`);
}

export function installTools(server: Server, session: McpSession): void {
  server.registerCapabilities({ tools: { listChanged: false } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listTools().map(describeOnce) }));
  onCallTool(server, async (request, extra) => {
    const name = request.params.name;
    // An unknown tool is a protocol error (the client asked for something that is not listed).
    if (!listTools().some((t) => t.name === name)) {
      throw new McpError(ErrorCode.InvalidParams, `unknown tool "${name}"`);
    }
    const ctx = toolContext(session, { tool: name, mcpRequestId: extra.requestId });
    return runTool(name, request.params.arguments, ctx);
  });
}

async function runTool(
  name: string,
  args: unknown,
  ctx: ReturnType<typeof toolContext>,
): Promise<CallToolResult> {
  try {
    const output = (await callTool(name, argumentsObject(args), ctx)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
  } catch (err) {
    if (err instanceof AppError) ctx.log.info({ err: err.message }, 'tool call rejected');
    return { content: [{ type: 'text', text: toolErrorMessage(err, ctx.log) }], isError: true };
  }
}
