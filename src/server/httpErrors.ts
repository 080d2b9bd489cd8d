// The one place our errors become HTTP answers: { error: { code, message, issues? } }.
import type { ErrorRequestHandler } from 'express';
import { AppError, TooManyRequestsError, ValidationError } from '../errors.js';
import { type Logger, logger } from '../log.js';

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

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof ValidationError) {
    res.status(400).json({ error: { code: err.code, message: err.message, issues: err.issues } });
    return;
  }
  if (err instanceof TooManyRequestsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  if (err instanceof AppError) {
    res.status(err.httpStatus).json({ error: { code: err.code, message: err.message } });
    return;
  }
  // body-parser errors (malformed JSON, too large) carry a status and are the client's fault
  const status = typeof err?.status === 'number' ? err.status : 500;
  if (status >= 400 && status < 500) {
    res.status(status).json({ error: { code: err.type ?? 'bad_request', message: bodyErrorMessage(err) } });
    return;
  }
  const log: Logger = (res.locals.ctx as { log?: Logger } | undefined)?.log ?? logger;
  log.error({ err }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
};
