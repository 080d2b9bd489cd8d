// The one place our errors become HTTP answers: { error: { code, message, issues? } }.
import type { ErrorRequestHandler } from 'express';
import { AppError, ValidationError } from '../errors.js';
import { logger } from '../log.js';

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof ValidationError) {
    res.status(400).json({ error: { code: err.code, message: err.message, issues: err.issues } });
    return;
  }
  if (err instanceof AppError) {
    res.status(err.httpStatus).json({ error: { code: err.code, message: err.message } });
    return;
  }
  // body-parser errors (malformed JSON, too large) carry a status and are the client's fault
  const status = typeof err?.status === 'number' ? err.status : 500;
  if (status >= 400 && status < 500) {
    const message = err.type === 'entity.too.large' ? 'request body is too large' : 'request body is not valid JSON';
    res.status(status).json({ error: { code: err.type ?? 'bad_request', message } });
    return;
  }
  (req as { log?: typeof logger }).log?.error({ err }, 'unhandled error') ?? logger.error({ err }, 'unhandled error');
  res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
};
