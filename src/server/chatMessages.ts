// Parsing what a browser sends on the chat socket: text → JSON → the protocol's client schema. A
// failure is a ValidationError naming the field, which the socket reports without closing.
import { fromZodIssues, ValidationError } from '../errors.js';
import { type ClientMessage, clientMessageSchema } from './chatProtocol.js';

export function parseClientMessage(text: string | null): ClientMessage | ValidationError {
  if (text === null) return ValidationError.field('(root)', 'messages must be JSON text, not binary');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return ValidationError.field('(root)', 'message is not valid JSON');
  }
  const parsed = clientMessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : fromZodIssues(parsed.error.issues);
}

/** The request id of a message that failed validation, when it has a usable one. */
export function idOf(text: string | null): string | undefined {
  try {
    const id = (JSON.parse(text ?? '') as { id?: unknown })?.id;
    return typeof id === 'string' && id.length <= 64 ? id : undefined;
  } catch {
    return undefined;
  }
}
