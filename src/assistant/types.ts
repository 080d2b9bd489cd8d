// The assistant's contract, shared by the CLI, the WebSocket chat and the tests. Both brains (the
// offline planner and the LLM loop) answer through it.
import type { Unit } from '../display/numbers.js';
import type { ToolContext } from '../tools/types.js';

export interface ToolCallRecord {
  name: string;
  input: unknown;
  output: unknown;
  /** Set when the tool failed (bad input, database error): the message a person or model reads. */
  error?: string;
}

/** A measure's unit (src/display/numbers.ts decides it for every surface). */
export type MetricUnit = Unit;

/** Structured data beside the text, for tables and charts in the web chat. */
export type AnswerPayload =
  | {
      kind: 'table';
      title?: string;
      columns: {
        key: string;
        label: string;
        format?: 'money' | 'number' | 'percent' | 'ratio' | 'change' | 'status' | 'text';
        /** A row field naming this cell's unit (rows that are different measures). */
        unitKey?: string;
      }[];
      rows: Record<string, string | number | null>[];
      currency?: string;
      /** The days the numbers cover (the current period for a comparison). */
      range?: { since: string; until: string };
    }
  | {
      kind: 'series';
      title?: string;
      chart: 'line' | 'bar';
      /** x: a date (line) or an entity name (bar); y: one value per metric. */
      points: { x: string; values: Record<string, number | null>; partial?: boolean }[];
      metrics: string[];
      /** Each metric's unit: money and percentages are drawn on separate axes, never one scale. */
      units?: Record<string, MetricUnit>;
      currency?: string;
    };

export interface AssistantAnswer {
  answer: string;
  toolCalls: ToolCallRecord[];
  payloads: AnswerPayload[];
  /** Which brain answered: the offline planner or the model (after a fallback, 'planner'). */
  source: 'planner' | 'llm';
  /** The turn's number in its conversation, when it was stored in one (a permalink names it). */
  turn?: number;
}

export type AssistantEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; name: string; output?: unknown; error?: string };

export interface AskOptions {
  ctx: ToolContext;
  /** Conversation to continue (memory for follow-ups); omitted → a one-off question. */
  conversationId?: string;
  onEvent?: (event: AssistantEvent) => void;
  signal?: AbortSignal;
}

export interface Assistant {
  ask(question: string, options: AskOptions): Promise<AssistantAnswer>;
}
