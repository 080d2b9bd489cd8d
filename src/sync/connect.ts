// Registering a Meta ad account: the token is checked by reading the account through the Graph client
// (a bad token fails here, not at the first sync), then the connection (name, currency, time zone)
// and the sealed token are stored together. Reconnecting with a new token clears needs_reauth.
import { z } from 'zod';
import { type ConnectionRow, setConnectionStatus, upsertConnection } from '../db/connections.js';
import { saveToken } from '../db/tokens.js';
import { parseInput, ValidationError } from '../errors.js';
import { logger } from '../log.js';
import { GraphClient } from './meta/graphClient.js';
import { MetaApiError } from './meta/metaErrors.js';
import type { MetaAdAccount } from './meta/metaTypes.js';
import type { SyncDeps } from './syncService.js';

const argsSchema = z.object({
  workspaceId: z.string().uuid('must be a workspace id (uuid)'),
  accountId: z
    .string()
    .trim()
    .regex(/^(act_)?\d+$/, 'must be an ad account id like act_1234567890')
    .transform((v) => (v.startsWith('act_') ? v : `act_${v}`)),
  token: z.string().trim().min(1, 'is required (pass --token or set META_ACCESS_TOKEN)'),
  expiresAt: z.date().nullable().optional(),
  scopes: z.array(z.string()).optional(),
});

export async function connectMetaAccount(
  deps: SyncDeps,
  args: { workspaceId: string; accountId: string; token: string; expiresAt?: Date | null; scopes?: string[] },
): Promise<ConnectionRow> {
  const input = parseInput(argsSchema, args);
  const account = await readAccount(deps, input.accountId, input.token);
  return deps.db.transaction(async (tx) => {
    const connection = await upsertConnection(tx, input.workspaceId, input.accountId, {
      name: account.name,
      currency: account.currency,
      timeZone: account.timezone_name,
    });
    const scope = { workspaceId: input.workspaceId, connectionId: connection.id };
    await saveToken(tx, deps.keyring, scope, input.token, {
      expiresAt: input.expiresAt,
      scopes: input.scopes,
    });
    await setConnectionStatus(tx, connection.id, 'active', null);
    return { ...connection, status: 'active', status_reason: null };
  });
}

async function readAccount(deps: SyncDeps, accountId: string, token: string): Promise<MetaAdAccount> {
  const client = new GraphClient({
    baseUrl: deps.config.META_GRAPH_URL,
    version: deps.config.META_API_VERSION,
    accessToken: token,
    appSecret: deps.config.META_APP_SECRET,
    accountId,
    redisUrl: deps.config.REDIS_URL,
    log: deps.log ?? logger,
  });
  try {
    return await client.getAdAccount();
  } catch (err) {
    if (err instanceof MetaApiError && (err.kind === 'auth' || err.kind === 'permission')) {
      throw ValidationError.field('token', `Meta refused this token for ${accountId}: ${err.message}`);
    }
    if (err instanceof MetaApiError && err.kind === 'invalid') {
      throw ValidationError.field('account', `Meta could not read ${accountId}: ${err.message}`);
    }
    throw err;
  } finally {
    await client.close().catch(() => undefined);
  }
}
