// Two workspaces with everything a caller could reach: a connection with a campaign tree and facts,
// a token, an API key, a conversation, a sync run and a ready OAuth flow. Workspace B's data carries
// markers (names, ids, a distinctive spend) that must never show up in an answer to A.

import { randomBytes, randomUUID } from 'node:crypto';
import { createApiKey } from '../../src/auth/accounts.js';
import { appendTurn, ensureConversation } from '../../src/db/conversations.js';
import type { Db } from '../../src/db/db.js';
import { insertOAuthFlow, storeOAuthToken } from '../../src/db/oauthFlows.js';
import { sql } from '../../src/db/sql.js';
import { createSyncRun } from '../../src/db/syncRuns.js';
import { saveToken } from '../../src/db/tokens.js';
import { type Keyring, seal } from '../../src/secrets/tokenVault.js';
import { addFacts, makeCampaignTree, makeConnection, makeWorkspace } from '../helpers/fixtures.js';

/**
 * The tables whose row counts a refused request must leave as they were (the fuzz and the bad-input
 * suite compare them before and after; the bad-input suite adds the conversation tables).
 */
export const GUARDED_TABLES = [
  'workspaces',
  'connections',
  'tokens',
  'entities',
  'metric_facts',
  'sync_runs',
  'users',
  'memberships',
  'sessions',
  'api_keys',
  'oauth_flows',
] as const;

export interface SeededWorkspace {
  label: string;
  workspaceId: string;
  connectionId: string;
  accountId: string;
  campaignId: string;
  adsetId: string;
  adId: string;
  apiKey: string;
  apiKeyId: string;
  conversationId: string;
  runId: string;
  flowId: string;
  metaToken: string;
  /** Strings that identify this workspace's data in any answer. */
  markers: string[];
}

export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

export async function seedWorkspace(
  db: Db,
  keyring: Keyring,
  label: string,
  spend: string,
): Promise<SeededWorkspace> {
  const workspaceId = await makeWorkspace(db);
  const connectionId = await makeConnection(db, workspaceId, { name: `${label} account` });
  const [{ external_account_id: accountId }] = await db.query<{ external_account_id: string }>(
    sql`select external_account_id from connections where id = ${connectionId}`,
  );
  const scope = { workspaceId, connectionId };
  const tree = await makeCampaignTree(db, scope, { name: `${label}-secret-campaign` });
  await addFacts(db, tree.ad, [
    { date: daysAgo(2), spend, impressions: 5000, clicks: 70, purchases: '3', revenue: '777.77' },
    { date: daysAgo(9), spend, impressions: 4000, clicks: 50 },
  ]);
  const metaToken = `EAA${label}${randomBytes(12).toString('hex')}`;
  await saveToken(db, keyring, scope, metaToken, { expiresAt: new Date(Date.now() + 30 * 86_400_000) });
  const key = await createApiKey(db, workspaceId, `${label} key`, null);
  const conversationId = randomUUID();
  await ensureConversation(db, workspaceId, conversationId);
  await appendTurn(db, workspaceId, conversationId, {
    question: `${label} secret question`,
    answer: `${label} secret answer`,
    state: null,
  });
  const run = await createSyncRun(
    db,
    {
      ...scope,
      kind: 'full',
      since: daysAgo(30),
      until: daysAgo(1),
      resumedFrom: null,
    },
    new Date(),
  );
  await db.query(sql`update sync_runs set status = 'succeeded', finished_at = now() where id = ${run.id}`);
  const flowId = randomBytes(18).toString('base64url');
  await insertOAuthFlow(db, {
    nonce: flowId,
    workspaceId,
    userId: null,
    ttlSeconds: 600,
  });
  await storeOAuthToken(db, flowId, seal(metaToken, keyring), { expiresAt: null, scopes: ['ads_read'] });
  return {
    label,
    workspaceId,
    connectionId,
    accountId,
    campaignId: tree.campaign.externalId,
    adsetId: tree.adset.externalId,
    adId: tree.ad.externalId,
    apiKey: key.key,
    apiKeyId: key.row.id,
    conversationId,
    runId: run.id,
    flowId,
    metaToken,
    markers: [
      label,
      workspaceId,
      connectionId,
      accountId,
      tree.campaign.externalId,
      tree.ad.externalId,
      spend,
      metaToken,
    ],
  };
}
