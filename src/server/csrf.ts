// Cross-site request forgery guard for the REST API. A browser attaches our session cookie (and, in
// local mode, needs no credential at all) to a form or text/plain POST from any page, so every
// state-changing request that is not carrying its own Authorization header must come from a page
// of ours: its Origin (or, when a browser withholds Origin, its Referer) must name an allowed host.
// Requests with Authorization (API keys) are not cookie-authorised: a cross-site page cannot set that
// header without a CORS preflight, which we never grant. A request with neither Origin nor Referer is
// refused when it carries the session cookie (every browser we support sends Origin on a POST); tools
// such as curl that send no cookie pass.
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { ForbiddenError } from '../errors.js';
import { originAllowed } from './hostAllowList.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer || !URL.canParse(referer)) return undefined;
  return new URL(referer).origin;
}

function carriesSessionCookie(cookie: string | undefined): boolean {
  return (cookie ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

export function csrfGuard(allowedHostnames: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization !== undefined) return next();
    const source = req.headers.origin ?? refererOrigin(req.headers.referer);
    if (source === undefined) {
      if (!carriesSessionCookie(req.headers.cookie)) return next();
      return next(
        new ForbiddenError('cross-site request refused: a signed-in request must carry Origin or Referer'),
      );
    }
    if (originAllowed(source, allowedHostnames)) return next();
    next(new ForbiddenError(`cross-site request refused: Origin "${source}" is not this server`));
  };
}
