// The one place errors become HTTP answers: { error: { code, message, issues?, errorId? } }, through
// toUserError (src/userErrors.ts), the same mapping every surface uses.
import type { ErrorRequestHandler } from 'express';
import { AppError, type FieldIssue, TooManyRequestsError, ValidationError } from '../errors.js';
import { type Logger, logger } from '../log.js';
import { toUserError } from '../userErrors.js';

/** What a body-parser failure (it carries `type` and a 4xx `status`) tells the client. */
function bodyErrorMessage(err: {
  type?: string;
  limit?: number;
  expose?: boolean;
  message?: string;
}): string {
  switch (err.type) {
    case 'entity.too.large':
      return typeof err.limit === 'number'
        ? `request body is too large (the limit is ${err.limit} bytes)`
        : 'request body is too large';
    case 'entity.parse.failed':
      return 'request body is not valid JSON (expected an object)';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'request body encoding is not supported; send UTF-8 JSON';
    default:
      return err.expose && err.message ? err.message : 'bad request';
  }
}

/** The router's refusal of a path segment that is not valid percent-encoding ("%E0%A4%A"). */
function pathDecodeIssue(err: unknown): FieldIssue | undefined {
  if (!(err instanceof URIError)) return undefined;
  const segment = /^Failed to decode param '(.*)'$/s.exec(err.message)?.[1];
  return { field: 'path', message: `${segment ? `"${segment}" ` : ''}is not valid percent-encoding` };
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof TooManyRequestsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  const pathIssue = pathDecodeIssue(err);
  if (pathIssue) {
    const { status, ...error } = toUserError(new ValidationError([pathIssue]), logger);
    res.status(status).json({ error });
    return;
  }
  // body-parser errors (malformed JSON, too large) carry a status and are the client's fault
  const status = !(err instanceof AppError) && typeof err?.status === 'number' ? err.status : 500;
  if (status >= 400 && status < 500) {
    res.status(status).json({ error: { code: err.type ?? 'bad_request', message: bodyErrorMessage(err) } });
    return;
  }
  const log: Logger = (res.locals.ctx as { log?: Logger } | undefined)?.log ?? logger;
  const { status: userStatus, ...error } = toUserError(err, log, 'unhandled error');
  res.status(userStatus).json({ error });
};
