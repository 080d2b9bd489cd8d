// Sign-up / sign-in / sign-out for the web app (session cookie) and workspace API keys.
import { type Request, type Response, Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import {
  createApiKey,
  type NewSession,
  SESSION_TTL_MS,
  signIn,
  signOut,
  signUp,
} from '../../auth/accounts.js';
import { readCookie, SESSION_COOKIE } from '../../auth/authenticate.js';
import { SignInThrottle } from '../../auth/signInThrottle.js';
import { listApiKeys, revokeApiKey } from '../../db/apiKeys.js';
import { ConflictError, ForbiddenError, NotFoundError, parseInput, UnauthorizedError } from '../../errors.js';
import { text } from '../../textInput.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

export const PUBLIC_AUTH_PATHS = ['/auth/signup', '/auth/login', '/auth/logout', '/auth/me'] as const;

const credentials = z
  .object({
    email: text().trim().toLowerCase().email('must be an email address').max(254),
    password: text().min(10, 'must be at least 10 characters').max(200),
  })
  .strict();
const signUpBody = credentials.extend({ name: text().trim().min(1).max(100).optional() }).strict();
const apiKeyBody = z.object({ name: text().trim().min(1, 'must not be empty').max(100) }).strict();

export function authRoutes(deps: ServerDeps): Router {
  const router = Router();
  const throttle = new SignInThrottle();
  const addressOf = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  router.post('/auth/signup', async (req, res) => {
    const address = addressOf(req);
    throttle.check(undefined, address);
    const input = parseInput(signUpBody, req.body ?? {});
    // a taken email counts as a failure of the address: probing which emails exist is throttled
    const session = await signUp(deps.db, input).catch((err) => {
      if (err instanceof ConflictError) throttle.failed(undefined, address);
      throw err;
    });
    setSessionCookie(res, session, req.secure);
    res.status(201).json(publicSession(session));
  });
  router.post('/auth/login', async (req, res) => {
    const input = parseInput(credentials, req.body ?? {});
    const address = addressOf(req);
    throttle.check(input.email, address);
    const session = await signIn(deps.db, input).catch((err) => {
      if (err instanceof UnauthorizedError) throttle.failed(input.email, address);
      throw err;
    });
    throttle.succeeded(input.email);
    setSessionCookie(res, session, req.secure);
    res.json(publicSession(session));
  });
  router.post('/auth/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await signOut(deps.db, token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  router.get('/auth/me', (_req, res) => {
    const caller = ctxOf(res).caller;
    res.json({
      signed_in: caller !== null,
      via: caller?.via ?? null,
      workspace_id: caller?.workspaceId ?? null,
    });
  });

  router.get('/api-keys', async (_req, res) => {
    const keys = await listApiKeys(deps.db, ctxOf(res).workspaceId);
    res.json({ api_keys: keys.map(publicKey) });
  });
  router.post('/api-keys', async (req, res) => {
    const ctx = ctxOf(res);
    if (ctx.caller?.via === 'api_key') throw new ForbiddenError('API keys cannot create API keys; sign in');
    const { name } = parseInput(apiKeyBody, req.body ?? {});
    const { key, row } = await createApiKey(deps.db, ctx.workspaceId, name, ctx.caller?.userId ?? null);
    ctx.log.info({ apiKeyId: row.id }, 'api key created');
    res.status(201).json({ ...publicKey(row), key, note: 'Copy this key now: it is not shown again.' });
  });
  router.delete('/api-keys/:id', async (req, res) => {
    const ctx = ctxOf(res);
    if (!(await revokeApiKey(deps.db, ctx.workspaceId, req.params.id)))
      throw new NotFoundError('no such API key');
    ctx.log.info({ apiKeyId: req.params.id }, 'api key revoked');
    res.status(204).end();
  });
  return router;
}

function setSessionCookie(res: Response, session: NewSession, secure: boolean): void {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_TTL_MS,
  });
}

function publicSession(s: NewSession) {
  return { user: s.user, workspace_id: s.workspaceId, expires_at: s.expiresAt.toISOString() };
}

function publicKey(k: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    created_at: k.created_at.toISOString(),
    last_used_at: k.last_used_at?.toISOString() ?? null,
    revoked_at: k.revoked_at?.toISOString() ?? null,
  };
}
