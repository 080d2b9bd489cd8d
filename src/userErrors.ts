// The one function that turns any error into what a user may see, for every surface (REST, the
// WebSocket chat, MCP, the assistant's tool calls). Our own errors (src/errors.ts) carry a message
// written for a person and pass as they are. A database refusing a value (SQLSTATE class 22: NUL in
// text, a number or date out of range) is the caller's input, not our crash: 400, without the
// database's wording. Anything else is ours: the details go to the log with an error id, and the user
// sees only that id, never a pg or zod message, a stack or SQL.
import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue, ValidationError } from './errors.js';
import type { Logger } from './log.js';

export interface UserError {
  status: number;
  code: string;
  message: string;
  issues?: FieldIssue[];
  /** Set when the error was ours: quote it to find the log line. */
  errorId?: string;
}

function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function toUserError(err: unknown, log: Logger, what = 'request failed'): UserError {
  if (err instanceof ValidationError)
    return { status: 400, code: err.code, message: err.message, issues: err.issues };
  if (err instanceof AppError) return { status: err.httpStatus, code: err.code, message: err.message };
  const state = sqlState(err);
  if (state?.startsWith('22')) {
    log.info({ sqlState: state }, `${what}: the database refused a value`);
    return {
      status: 400,
      code: 'invalid_input',
      message: 'a value in the request cannot be stored (out of range, or text with a NUL character)',
    };
  }
  const errorId = randomUUID();
  log.error({ err, errorId }, what);
  return {
    status: 500,
    code: 'internal',
    message: `Something went wrong on our side (error id ${errorId}); please try again.`,
    errorId,
  };
}
