// Keeps Meta user tokens alive: a long-lived token (~60 days) that expires within a week is exchanged
// again (fb_exchange_token accepts a valid long-lived token) and the new one stored sealed with its
// new expiry. A token Meta refuses (expired, revoked, password changed) cannot be refreshed: the
// connection is marked needs_reauth with a message asking the person to reconnect. Network trouble
// changes nothing; the next run tries again. Call it before each sync (and daily in a long-running server).
import type { Config } from '../config.js';
import { setConnectionStatus } from '../db/connections.js';
import type { Db } from '../db/db.js';
import { type ExpiringToken, listExpiringTokens, saveToken } from '../db/tokens.js';
import { type Logger, logger } from '../log.js';
import type { Keyring } from '../secrets/tokenVault.js';
import { debugToken, exchangeForLongLived, OAuthError } from './metaOAuth.js';

export const REFRESH_WITHIN_MS = 7 * 24 * 3600 * 1000;
/** Meta's code for an access token that is invalid, expired or revoked. */
const INVALID_TOKEN = 190;

export interface TokenRefreshDeps {
  db: Db;
  config: Config;
  keyring: Keyring;
  log?: Logger;
}

export interface TokenRefreshResult {
  /** Connection ids whose token was replaced. */
  refreshed: string[];
  /** Connection ids now marked needs_reauth. */
  needsReauth: string[];
  /** Connection ids left as they were after a transient failure (retried next time). */
  skipped: string[];
}

export function reconnectMessage(t: Pick<ExpiringToken, 'connectionName' | 'accountId'>): string {
  const which = t.connectionName ? `${t.connectionName} (${t.accountId})` : t.accountId;
  return `The Meta access token for ${which} has expired or was revoked. Reconnect it in Settings → Connect Meta Ads, or: adnavi connect meta --account ${t.accountId} --token NEW_TOKEN`;
}

export async function refreshExpiringTokens(
  deps: TokenRefreshDeps,
  workspaceId?: string,
  opts: { now?: Date } = {},
): Promise<TokenRefreshResult> {
  const now = opts.now ?? new Date();
  const log = deps.log ?? logger;
  const result: TokenRefreshResult = { refreshed: [], needsReauth: [], skipped: [] };
  const due = await listExpiringTokens(
    deps.db,
    deps.keyring,
    new Date(now.getTime() + REFRESH_WITHIN_MS),
    workspaceId,
  );
  for (const t of due) {
    const outcome = await refreshOne(deps, t, now);
    result[outcome].push(t.connectionId);
    log.info({ connectionId: t.connectionId, workspaceId: t.workspaceId, outcome }, 'meta token refresh');
  }
  return result;
}

async function refreshOne(
  deps: TokenRefreshDeps,
  t: ExpiringToken,
  now: Date,
): Promise<keyof TokenRefreshResult> {
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return markNeedsReauth(deps, t);
  if (!deps.config.META_APP_ID || !deps.config.META_APP_SECRET) return 'skipped'; // no app: cannot exchange
  try {
    const token = await exchangeForLongLived(deps, t.token);
    const info = await debugToken(deps, token);
    const scope = { workspaceId: t.workspaceId, connectionId: t.connectionId };
    await saveToken(deps.db, deps.keyring, scope, token, { ...info, tokenType: 'user' });
    return 'refreshed';
  } catch (err) {
    if (err instanceof OAuthError && err.metaCode === INVALID_TOKEN) return markNeedsReauth(deps, t);
    (deps.log ?? logger).warn(
      { connectionId: t.connectionId, reason: (err as Error).message },
      'token refresh failed',
    );
    return 'skipped';
  }
}

async function markNeedsReauth(deps: TokenRefreshDeps, t: ExpiringToken): Promise<'needsReauth'> {
  await setConnectionStatus(deps.db, t.connectionId, 'needs_reauth', reconnectMessage(t));
  return 'needsReauth';
}
