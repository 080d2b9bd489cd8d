// "Connect Meta Ads": the OAuth flow. begin → Meta's login dialog with a signed, expiring, single-use
// state; callback → code exchanged for a short-lived token, then for a long-lived one, checked with
// /debug_token, kept sealed on the flow row; the person then picks ad accounts and each becomes a
// connection holding the token. Nothing is connected until that last step, so a failure anywhere
// leaves no half-made connection.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config.js';
import { listConnections } from '../db/connections.js';
import type { Db } from '../db/db.js';
import {
  consumeOAuthState,
  deleteOAuthFlow,
  getReadyOAuthFlow,
  insertOAuthFlow,
  storeOAuthToken,
} from '../db/oauthFlows.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import { type Keyring, seal, unseal } from '../secrets/tokenVault.js';
import { MetaApiError } from '../sync/meta/metaErrors.js';
import { SdkTransport } from '../sync/meta/sdkTransport.js';
import { OAUTH_SCOPES } from './metaScopes.js';

const STATE_TTL_SECONDS = 10 * 60;

export class OAuthError extends AppError {
  override name = 'OAuthError';
  override readonly httpStatus = 400;
  override readonly code = 'oauth_failed';
  /** Meta's error code when Meta refused (190: the token is invalid, expired or revoked). */
  constructor(
    message: string,
    readonly metaCode?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface OAuthSettings {
  config: Pick<
    Config,
    'META_GRAPH_URL' | 'META_API_VERSION' | 'META_OAUTH_DIALOG_URL' | 'META_APP_ID' | 'META_APP_SECRET'
  >;
  keyring: Keyring;
  /** Absolute URL of our callback route, identical in the dialog and the code exchange. */
  redirectUri: string;
}

function appCredentials(s: Pick<OAuthSettings, 'config'>): { appId: string; appSecret: string } {
  const { META_APP_ID: appId, META_APP_SECRET: appSecret } = s.config;
  if (!appId || !appSecret) {
    throw new OAuthError(
      'Connecting with Meta needs META_APP_ID and META_APP_SECRET (your Meta app) to be configured.',
    );
  }
  return { appId, appSecret };
}

function signState(nonce: string, keyring: Keyring): string {
  const key = keyring.keys.get(keyring.currentKeyId)!;
  return `${nonce}.${createHmac('sha256', key).update(`oauth-state:${nonce}`).digest('base64url')}`;
}

function verifyState(state: string, keyring: Keyring): string | undefined {
  const [nonce, signature] = state.split('.');
  if (!nonce || !signature) return undefined;
  const expected = Buffer.from(signState(nonce, keyring).split('.')[1]);
  const actual = Buffer.from(signature);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? nonce : undefined;
}

/** Creates the flow and returns the login dialog URL to send the browser to. */
export async function beginMetaConnect(
  db: Db,
  s: OAuthSettings,
  caller: { workspaceId: string; userId: string | null },
): Promise<string> {
  const { appId } = appCredentials(s);
  const nonce = randomBytes(18).toString('base64url');
  await insertOAuthFlow(db, { nonce, ...caller, ttlSeconds: STATE_TTL_SECONDS });
  const url = new URL(`${s.config.META_OAUTH_DIALOG_URL}/${s.config.META_API_VERSION}/dialog/oauth`);
  url.searchParams.set('client_id', appId);
  url.searchParams.set('redirect_uri', s.redirectUri);
  url.searchParams.set('state', signState(nonce, s.keyring));
  url.searchParams.set('scope', OAUTH_SCOPES.join(','));
  url.searchParams.set('response_type', 'code');
  return url.toString();
}

const callbackQuery = z.object({
  state: z.string({ error: 'is missing' }).min(1).max(200),
  code: z.string().min(1).max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
  error_reason: z.string().max(200).optional(),
});

/** Handles Meta's redirect: returns the flow id whose accounts the person picks from next. */
export async function completeMetaConnect(
  db: Db,
  s: OAuthSettings,
  workspaceId: string,
  query: unknown,
): Promise<string> {
  const parsed = callbackQuery.safeParse(query);
  if (!parsed.success)
    throw new OAuthError('The sign-in answer from Meta is incomplete (no state). Start again.');
  const nonce = verifyState(parsed.data.state, s.keyring);
  if (!nonce)
    throw new OAuthError(
      'The sign-in answer does not match a connect request from here (bad state). Start again.',
    );
  const flow = await consumeOAuthState(db, nonce, workspaceId);
  if (!flow) throw new OAuthError('This connect request expired or was already used. Start again.');
  if (parsed.data.error) {
    await deleteOAuthFlow(db, nonce);
    throw new OAuthError(
      parsed.data.error_reason === 'user_denied'
        ? 'You cancelled on Meta’s consent page, so nothing was connected. Connect again and choose Continue to give AdNavi read access.'
        : 'Meta sign-in was cancelled or permission was denied; nothing was connected.',
    );
  }
  if (!parsed.data.code) throw new OAuthError('Meta did not send an authorization code. Start again.');
  try {
    const short = await exchangeCode(s, parsed.data.code);
    const token = await exchangeForLongLived(s, short);
    const info = await debugToken(s, token);
    await storeOAuthToken(db, nonce, seal(token, s.keyring), info);
  } catch (err) {
    await deleteOAuthFlow(db, nonce);
    throw err;
  }
  return nonce;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });
const debugAnswer = z.object({
  data: z.object({
    is_valid: z.boolean(),
    expires_at: z.number().optional(),
    scopes: z.array(z.string()).default([]),
  }),
});
const accountsAnswer = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      currency: z.string().optional(),
      timezone_name: z.string().optional(),
    }),
  ),
});

/**
 * A long-lived token for a valid user token: the short-lived one after login, or a long-lived one
 * before it expires (Meta allows re-exchanging it, which is how tokens are refreshed).
 */
export async function exchangeForLongLived(s: Pick<OAuthSettings, 'config'>, token: string): Promise<string> {
  const answer = await graphGet(s, appToken(s), 'oauth/access_token', {
    ...credentialParams(s),
    grant_type: 'fb_exchange_token',
    fb_exchange_token: token,
  });
  return tokenAnswer.parse(answer).access_token;
}

async function exchangeCode(s: OAuthSettings, code: string): Promise<string> {
  const answer = await graphGet(s, appToken(s), 'oauth/access_token', {
    ...credentialParams(s),
    redirect_uri: s.redirectUri,
    code,
  });
  return tokenAnswer.parse(answer).access_token;
}

/** Expiry and scopes of a token, asked with the app token. */
export async function debugToken(
  s: Pick<OAuthSettings, 'config'>,
  token: string,
): Promise<{ expiresAt: Date | null; scopes: string[] }> {
  const answer = debugAnswer.parse(await graphGet(s, appToken(s), 'debug_token', { input_token: token }));
  if (!answer.data.is_valid) throw new OAuthError('Meta reports the new token as invalid. Start again.');
  const expiresAt = answer.data.expires_at ? new Date(answer.data.expires_at * 1000) : null;
  return { expiresAt, scopes: answer.data.scopes };
}

/** The ad accounts the flow's token can see (for the person to pick from). */
export async function listFlowAccounts(db: Db, s: OAuthSettings, workspaceId: string, flowId: string) {
  const token = await flowToken(db, s, workspaceId, flowId);
  const answer = await graphGet(s, token.token, 'me/adaccounts', {
    fields: 'id,name,currency,timezone_name',
    limit: '200',
  });
  const connected = new Set((await listConnections(db, workspaceId)).map((c) => c.external_account_id));
  // an account this workspace already has: choosing it again renews its token, nothing else
  return accountsAnswer.parse(answer).data.map((a) => ({ ...a, connected: connected.has(a.id) }));
}

export async function flowToken(db: Db, s: OAuthSettings, workspaceId: string, flowId: string) {
  const flow = await getReadyOAuthFlow(db, flowId, workspaceId);
  if (!flow?.ciphertext || !flow.iv || !flow.auth_tag || !flow.key_id) {
    throw new NotFoundError('This connect request expired or does not exist. Start again.');
  }
  const token = unseal(
    { key_id: flow.key_id, iv: flow.iv, ciphertext: flow.ciphertext, auth_tag: flow.auth_tag },
    s.keyring,
  );
  return { token, expiresAt: flow.token_expires_at, scopes: flow.scopes ?? [] };
}

function credentialParams(s: Pick<OAuthSettings, 'config'>): Record<string, string> {
  const { appId, appSecret } = appCredentials(s);
  return { client_id: appId, client_secret: appSecret };
}

/** The app access token ("APP_ID|APP_SECRET"), for the calls a user token cannot make. */
function appToken(s: Pick<OAuthSettings, 'config'>): string {
  const { appId, appSecret } = appCredentials(s);
  return `${appId}|${appSecret}`;
}

/**
 * A Graph call of the flow, through the transport the sync uses (src/sync/meta/sdkTransport.ts): its
 * typed MetaApiError, token redaction, appsecret_proof and timeout, in one place. No retries and no
 * account rate limiter: an authorization code is single-use, the calls concern no ad account, and a
 * person is waiting. A failure becomes the flow's OAuthError (one line for the settings page) with
 * the client's MetaApiError as its cause.
 */
async function graphGet(
  s: Pick<OAuthSettings, 'config'>,
  accessToken: string,
  path: string,
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const transport = new SdkTransport({
    baseUrl: s.config.META_GRAPH_URL,
    version: s.config.META_API_VERSION,
    accessToken,
    appSecret: s.config.META_APP_SECRET,
    requestTimeoutMs: 15_000,
  });
  try {
    return (await transport.readPath(path, params)).data;
  } catch (err) {
    if (!(err instanceof MetaApiError)) throw err;
    const answered = err.upstreamStatus !== undefined || err.metaCode !== undefined;
    throw new OAuthError(
      answered
        ? `Meta refused the request: ${err.metaMessage ?? err.message}. Start again.`
        : `Could not reach Meta: ${err.message}`,
      err.metaCode,
      { cause: err },
    );
  }
}

export function assertAccountIds(ids: unknown): string[] {
  const parsed = z
    .array(z.string().regex(/^act_\d+$/, 'must be an ad account id like act_123'))
    .min(1)
    .max(50)
    .safeParse(ids);
  if (!parsed.success) throw ValidationError.field('account_ids', parsed.error.issues[0].message);
  return parsed.data;
}
