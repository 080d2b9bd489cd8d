// The WebSocket chat protocol, as zod schemas: the server (src/server/chatSocket.ts) and the browser
// (web/src) import this same module and parse every message they receive through it, so neither
// side trusts the other's shape. Imports nothing but zod: it is bundled into the web app.
import { z } from 'zod';
import { text } from '../textInput.js';

/** Conversation ids are ours (uuid); the browser keeps one in localStorage to resume after a reload. */
export const conversationIdSchema = z.string().uuid('must be a conversation id (uuid)');

const requestId = text().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

export const clientMessageSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('ask'),
      id: requestId,
      question: text().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
      conversationId: conversationIdSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('sync'),
      connectionId: z.string().uuid('must be a connection id (uuid)').optional(),
    })
    .strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.output<typeof clientMessageSchema>;

/** 'change' is a percent change (−11.9%); 'status' a raw delivery status shown as its label. */
const formatSchema = z.enum(['money', 'number', 'percent', 'ratio', 'change', 'status', 'text']);
const unitSchema = z.enum(['money', 'percent', 'count', 'ratio']);

/** Mirrors AnswerPayload in src/assistant/types.ts (tables and charts beside the answer text). */
export const payloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('table'),
    title: z.string().optional(),
    columns: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        format: formatSchema.optional(),
        /** A row field naming this cell's unit, for tables whose rows are different measures. */
        unitKey: z.string().optional(),
      }),
    ),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    currency: z.string().optional(),
    range: z.object({ since: z.string(), until: z.string() }).optional(),
  }),
  z.object({
    kind: z.literal('series'),
    title: z.string().optional(),
    chart: z.enum(['line', 'bar']),
    points: z.array(
      z.object({
        x: z.string(),
        values: z.record(z.string(), z.number().nullable()),
        /** A week or month bucket the range covers only part of. */
        partial: z.boolean().optional(),
      }),
    ),
    metrics: z.array(z.string()),
    /** Each metric's unit: measures of different units never share an axis. */
    units: z.record(z.string(), unitSchema).optional(),
    currency: z.string().optional(),
  }),
]);
export type ChatPayload = z.output<typeof payloadSchema>;

/**
 * A tool call as a person sees it on a chip: which tool and a one-line summary of its input; opened,
 * the full input and the output (rows capped) behind the answer.
 */
export const toolChipSchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: z.string().optional(),
});
export type ToolChip = z.output<typeof toolChipSchema>;

export const historyTurnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  /** The stored turn's number in the conversation (both halves of an exchange share it). */
  turn: z.number().int().positive().optional(),
  text: z.string(),
  payloads: z.array(payloadSchema).default([]),
  toolCalls: z.array(toolChipSchema).default([]),
});
export type HistoryTurn = z.output<typeof historyTurnSchema>;

export const syncProgressSchema = z.object({
  step: z.string().nullable(),
  windows_done: z.number().int(),
  windows_total: z.number().int(),
  rows: z.number().int(),
});

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    conversationId: conversationIdSchema,
    history: z.array(historyTurnSchema),
    /** Who answers on this server (the chat header says so). */
    answerer: z
      .discriminatedUnion('source', [
        z.object({ source: z.literal('planner') }),
        z.object({ source: z.literal('llm'), model: z.string(), endpoint: z.string() }),
      ])
      .optional(),
  }),
  z.object({ type: z.literal('answer_delta'), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal('tool_call'), id: z.string(), call: toolChipSchema }),
  z.object({
    type: z.literal('tool_result'),
    id: z.string(),
    callId: z.string(),
    name: z.string(),
    ok: z.boolean(),
    error: z.string().optional(),
  }),
  z.object({
    type: z.literal('answer'),
    id: z.string(),
    answer: z.string(),
    payloads: z.array(payloadSchema),
    toolCalls: z.array(toolChipSchema),
    source: z.enum(['planner', 'llm']),
    turn: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('sync_progress'),
    runId: z.string(),
    connectionId: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    progress: syncProgressSchema,
    error: z.string().nullable(),
  }),
  z.object({
    type: z.literal('error'),
    id: z.string().optional(),
    message: z.string(),
    field: z.string().optional(),
    /** 'rate_limited' when a per-caller limit refused the message; retry after `retryAfter` seconds. */
    code: z.string().optional(),
    retryAfter: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerMessage = z.output<typeof serverMessageSchema>;
export type ServerMessageInput = z.input<typeof serverMessageSchema>;

/** One line a chip shows for a tool call: "list_entities · campaign · last_30d". */
export function summarizeToolInput(name: string, input: unknown): string {
  const parts: string[] = [name];
  if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    if (typeof o.level === 'string') parts.push(o.level);
    if (typeof o.status === 'string' && o.status !== 'default') parts.push(o.status);
    if (Array.isArray(o.metrics)) parts.push(o.metrics.join(', '));
    if (typeof o.group_by === 'string') parts.push(`by ${o.group_by}`);
    const range = describeRange(o.range);
    if (range) parts.push(range);
  }
  return parts.join(' · ');
}

function describeRange(range: unknown): string | undefined {
  if (!range || typeof range !== 'object') return undefined;
  const r = range as Record<string, unknown>;
  if (typeof r.preset === 'string') return r.preset;
  if (typeof r.since === 'string' && typeof r.until === 'string') return `${r.since} → ${r.until}`;
  return undefined;
}

/** The run ids in a trigger_sync tool output, if it is one. */
export function runIdsOf(output: unknown): string[] {
  if (!output || typeof output !== 'object' || !Array.isArray((output as { runs?: unknown }).runs)) return [];
  return (output as { runs: { run_id?: unknown }[] }).runs
    .map((r) => r.run_id)
    .filter((id): id is string => typeof id === 'string');
}
