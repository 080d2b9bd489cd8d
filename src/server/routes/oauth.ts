// "Connect Meta Ads" over HTTP: start (→ Meta's dialog), callback (← Meta), then the person picks
// ad accounts. Errors on the browser legs redirect to settings with a message; JSON legs answer JSON.
import { type Request, Router } from 'express';
import { z } from 'zod';
import {
  assertAccountIds,
  beginMetaConnect,
  completeMetaConnect,
  flowToken,
  listFlowAccounts,
  OAuthError,
  type OAuthSettings,
} from '../../auth/metaOAuth.js';
import { findConnectionByAccount } from '../../db/connections.js';
import { deleteOAuthFlow } from '../../db/oauthFlows.js';
import { parseInput } from '../../errors.js';
import { loadKeyring } from '../../secrets/tokenVault.js';
import { connectMetaAccount } from '../../sync/connect.js';
import type { ServerDeps } from '../deps.js';
import { defaultAllowedHosts, publicBaseUrl } from '../hostAllowList.js';
import { ctxOf } from '../requestContext.js';

const connectBody = z.object({ account_ids: z.unknown() }).strict();
// flow ids are our own base64url nonces; anything else (NUL, escapes) is refused before it reaches SQL
const flowIdSchema = z.string().regex(/^[\w-]{1,64}$/, 'must be a connect flow id');

export function oauthRoutes(deps: ServerDeps): Router {
  const router = Router();
  const allowedHosts = defaultAllowedHosts(deps.config);
  // loaded on first use: creating the app must not touch the data dir
  let keyring = deps.keyring;
  const keys = () => {
    keyring ??= loadKeyring(deps.config);
    return keyring;
  };
  const settings = (req: Request): OAuthSettings => ({
    config: deps.config,
    keyring: keys(),
    redirectUri: `${publicBaseUrl(deps.config, allowedHosts, req)}/api/oauth/meta/callback`,
  });

  router.get('/oauth/meta/start', async (req, res) => {
    const { caller } = ctxOf(res);
    try {
      res.redirect(
        302,
        await beginMetaConnect(deps.db, settings(req), {
          workspaceId: caller!.workspaceId,
          userId: caller!.userId,
        }),
      );
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      res.redirect(302, `/settings?connect_error=${encodeURIComponent(err.message)}`);
    }
  });

  router.get('/oauth/meta/callback', async (req, res) => {
    const ctx = ctxOf(res);
    try {
      const flowId = await completeMetaConnect(deps.db, settings(req), ctx.workspaceId, req.query);
      res.redirect(302, `/settings?connect=${encodeURIComponent(flowId)}`);
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      ctx.log.warn({ reason: err.message }, 'meta connect failed');
      res.redirect(302, `/settings?connect_error=${encodeURIComponent(err.message)}`);
    }
  });

  router.get('/oauth/meta/flows/:id/accounts', async (req, res) => {
    const flowId = parseInput(flowIdSchema, req.params.id, 'id');
    const accounts = await listFlowAccounts(deps.db, settings(req), ctxOf(res).workspaceId, flowId);
    res.json({ accounts });
  });

  router.post('/oauth/meta/flows/:id/connect', async (req, res) => {
    const ctx = ctxOf(res);
    const flowId = parseInput(flowIdSchema, req.params.id, 'id');
    const accountIds = assertAccountIds(parseInput(connectBody, req.body ?? {}).account_ids);
    const token = await flowToken(deps.db, settings(req), ctx.workspaceId, flowId);
    const syncDeps = { db: deps.db, config: deps.config, keyring: keys(), log: ctx.log, now: deps.now };
    const connections = [];
    for (const accountId of accountIds) {
      // reconnecting an account already here renews its token; the answer says which it was
      const existed = (await findConnectionByAccount(deps.db, ctx.workspaceId, accountId)) !== undefined;
      const c = await connectMetaAccount(syncDeps, { workspaceId: ctx.workspaceId, accountId, ...token });
      connections.push({
        id: c.id,
        account_id: c.external_account_id,
        name: c.name,
        currency: c.currency,
        already_connected: existed,
      });
    }
    await deleteOAuthFlow(deps.db, flowId);
    ctx.log.info({ accounts: accountIds }, 'meta accounts connected');
    res.status(201).json({ connections });
  });
  return router;
}
