// Per-request context: a request id (echoed as X-Request-Id), a child logger carrying it, and the
// caller's workspace. Until sign-in lands every caller is in the default workspace.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { type Logger, logger } from '../log.js';
import { DEFAULT_WORKSPACE_ID } from './deps.js';

export interface RequestContext {
  requestId: string;
  log: Logger;
  workspaceId: string;
}

export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const requestId = randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const ctx: RequestContext = {
    requestId,
    log: logger.child({ requestId }),
    workspaceId: DEFAULT_WORKSPACE_ID,
  };
  res.locals.ctx = ctx;
  next();
}

export function ctxOf(res: Response): RequestContext {
  return res.locals.ctx as RequestContext;
}
