// Our API protects itself: security headers on every answer, and a rate limit per caller (API key,
// session, or address for anonymous callers). Body size limits sit on the parsers in app.ts.
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ctxOf } from './requestContext.js';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // served over plain http on localhost in demo mode; HSTS belongs to the TLS terminator
    strictTransportSecurity: false,
  });
}

/** `limit` requests a minute per caller (ADNAVI_RATE_LIMIT, default 600). */
export function apiRateLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const caller = ctxOf(res)?.caller;
      if (caller?.apiKeyId) return `key:${caller.apiKeyId}`;
      if (caller?.userId) return `user:${caller.userId}`;
      // anonymous callers by address; IPv6 by /56 so one host cannot dodge the limit by rotating addresses
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      res.status(429).json({
        error: { code: 'rate_limited', message: 'too many requests; slow down and retry in a minute' },
      });
    },
  });
}
