// Per-request context: a request id (echoed as X-Request-Id), a child logger carrying it, and the
// authenticated caller's workspace. Routes read it with ctxOf(res); nothing takes a workspace from
// input without checking it against this.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { authenticate, type Caller } from '../auth/authenticate.js';
import { UnauthorizedError } from '../errors.js';
import { type Logger, logger } from '../log.js';
import type { ServerDeps } from './deps.js';

export interface RequestContext {
  requestId: string;
  log: Logger;
  /** The caller's workspace; empty when the caller is anonymous (only public routes see that). */
  workspaceId: string;
  caller: Caller | null;
}

export function requestContext(deps: ServerDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    try {
      const caller = await authenticate(deps.db, req.headers, deps.authMode ?? 'local');
      const ctx: RequestContext = {
        requestId,
        log: logger.child({ requestId, workspaceId: caller?.workspaceId }),
        workspaceId: caller?.workspaceId ?? '',
        caller,
      };
      res.locals.ctx = ctx;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Guards the API: anonymous callers get 401 except on the listed public paths. */
export function requireCaller(publicPaths: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (ctxOf(res).caller || publicPaths.includes(req.path)) return next();
    next(new UnauthorizedError('sign in, or send a workspace API key as "Authorization: Bearer adn_k_…"'));
  };
}

export function ctxOf(res: Response): RequestContext {
  return res.locals.ctx as RequestContext;
}
