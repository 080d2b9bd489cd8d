// Calls tools through the registry for either brain, records every call (name, input, output or
// error) for the answer's toolCalls, and reports it as events. A failing tool becomes a recorded
// error, never a thrown exception, so one bad call cannot lose the answer.
import { randomUUID } from 'node:crypto';
import { callTool } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';
import { toUserError } from '../userErrors.js';
import type { AssistantEvent, ToolCallRecord } from './types.js';

export type ToolResult<T> = { ok: true; output: T } | { ok: false; error: string };

export class ToolRunner {
  readonly calls: ToolCallRecord[] = [];

  constructor(
    readonly ctx: ToolContext,
    private readonly onEvent?: (event: AssistantEvent) => void,
  ) {}

  async call<T>(name: string, input: unknown, id: string = randomUUID()): Promise<ToolResult<T>> {
    this.onEvent?.({ type: 'tool_call', id, name, input });
    try {
      const output = (await callTool(name, input, this.ctx)) as T;
      this.calls.push({ name, input, output });
      this.onEvent?.({ type: 'tool_result', id, name, output });
      return { ok: true, output };
    } catch (err) {
      // what the answer may quote: never a raw pg or zod message (src/userErrors.ts logs the details)
      const error = toUserError(err, this.ctx.log, `tool ${name} failed`).message;
      this.calls.push({ name, input, output: null, error });
      this.onEvent?.({ type: 'tool_result', id, name, error });
      return { ok: false, error };
    }
  }

  /** A call the planner cannot answer without: a failure aborts the plan with the tool's message. */
  async must<T>(name: string, input: unknown): Promise<T> {
    const result = await this.call<T>(name, input);
    if (!result.ok) throw new ToolFailure(name, result.error);
    return result.output;
  }
}

export class ToolFailure extends Error {
  constructor(
    readonly tool: string,
    readonly reason: string,
  ) {
    super(`${tool} failed: ${reason}`);
  }
}
