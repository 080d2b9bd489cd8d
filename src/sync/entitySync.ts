// Step one of a sync: the account's structure. Reads the ad account (name, currency, time zone onto
// the connection) and every campaign, ad set and ad in any status (paused, archived, deleted), then
// upserts them top-down in batched statements. Objects Meta no longer returns are marked removed,
// never deleted, so their facts stay queryable; one that comes back is un-marked.
import { upsertConnection } from '../db/connections.js';
import type { Db } from '../db/db.js';
import {
  type EntityInput,
  type EntityLevel,
  markMissingEntitiesRemoved,
  upsertEntities,
} from '../db/entities.js';
import { noteRowsWritten } from '../db/plannerStatistics.js';
import type { LevelCounts } from '../db/syncRuns.js';
import type { GraphClient } from './meta/graphClient.js';
import type { MetaAd, MetaAdAccount, MetaAdSet, MetaCampaign } from './meta/metaTypes.js';
import { goalForObjective } from './objectiveGoals.js';

export interface EntityScope {
  workspaceId: string;
  connectionId: string;
  externalAccountId: string;
}

export interface EntitySyncResult {
  account: MetaAdAccount;
  stats: Record<EntityLevel, LevelCounts & { removed: number }>;
}

// Meta's minor-unit offset per currency: most have 2 decimals; these have none in Meta's system
// (a JPY budget of "5000" is ¥5,000, not ¥50.00). Source: Meta's currency offsets table.
const ZERO_DECIMAL = new Set(['CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'JPY', 'KRW', 'PYG', 'TWD', 'VND']);

/** "5000" minor units → "50.00" (or "5000" for zero-decimal currencies), exactly, as a string. */
export function budgetFromMinorUnits(value: string | undefined, currency: string): string | null {
  if (value === undefined || value === '' || !/^\d+$/.test(value)) return null;
  if (ZERO_DECIMAL.has(currency)) return value.replace(/^0+(?=\d)/, '');
  const padded = value.padStart(3, '0');
  return `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}`;
}

/** Meta's "2026-10-30T14:05:11+0100" → an offset PostgreSQL and Date both read ("+01:00"). */
function metaTime(value: string | undefined): string | null {
  if (!value) return null;
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

function base(
  id: string,
  fields: {
    name: string;
    status: string;
    effective_status: string;
    created_time?: string;
    updated_time?: string;
  },
): Pick<EntityInput, 'externalId' | 'name' | 'status' | 'effectiveStatus' | 'createdTime' | 'updatedTime'> {
  return {
    externalId: id,
    name: fields.name,
    status: fields.status,
    effectiveStatus: fields.effective_status,
    createdTime: metaTime(fields.created_time),
    updatedTime: metaTime(fields.updated_time),
  };
}

const none = {
  objective: null,
  goal: null,
  dailyBudget: null,
  lifetimeBudget: null,
  startTime: null,
  stopTime: null,
};

function accountEntity(scope: EntityScope, a: MetaAdAccount): EntityInput {
  return {
    ...none,
    externalId: scope.externalAccountId,
    parentExternalId: null,
    campaignExternalId: null,
    adsetExternalId: null,
    name: a.name,
    status: String(a.account_status),
    effectiveStatus: String(a.account_status),
    createdTime: null,
    updatedTime: null,
  };
}

function campaignEntity(scope: EntityScope, c: MetaCampaign, currency: string): EntityInput {
  return {
    ...base(c.id, c),
    parentExternalId: scope.externalAccountId,
    campaignExternalId: c.id,
    adsetExternalId: null,
    objective: c.objective ?? null,
    goal: goalForObjective(c.objective),
    dailyBudget: budgetFromMinorUnits(c.daily_budget, currency),
    lifetimeBudget: budgetFromMinorUnits(c.lifetime_budget, currency),
    startTime: metaTime(c.start_time),
    stopTime: metaTime(c.stop_time),
  };
}

function adsetEntity(s: MetaAdSet, currency: string, goals: Map<string, string | null>): EntityInput {
  return {
    ...base(s.id, s),
    parentExternalId: s.campaign_id,
    campaignExternalId: s.campaign_id,
    adsetExternalId: s.id,
    objective: null,
    goal: goals.get(s.campaign_id) ?? null,
    dailyBudget: budgetFromMinorUnits(s.daily_budget, currency),
    lifetimeBudget: budgetFromMinorUnits(s.lifetime_budget, currency),
    startTime: metaTime(s.start_time),
    stopTime: metaTime(s.end_time),
  };
}

function adEntity(ad: MetaAd, goals: Map<string, string | null>): EntityInput {
  return {
    ...none,
    ...base(ad.id, ad),
    parentExternalId: ad.adset_id,
    campaignExternalId: ad.campaign_id,
    adsetExternalId: ad.adset_id,
    goal: goals.get(ad.campaign_id) ?? null,
  };
}

/** Reads the account's structure from Meta and stores it; one transaction for the whole hierarchy. */
export async function syncEntities(
  db: Db,
  scope: EntityScope,
  client: GraphClient,
): Promise<EntitySyncResult> {
  const account = await client.getAdAccount();
  const [campaigns, adsets, ads] = await Promise.all([
    client.listCampaigns(),
    client.listAdSets(),
    client.listAds(),
  ]);
  const goals = new Map(campaigns.map((c) => [c.id, goalForObjective(c.objective)]));
  const levels: [EntityLevel, EntityInput[]][] = [
    ['account', [accountEntity(scope, account)]],
    ['campaign', campaigns.map((c) => campaignEntity(scope, c, account.currency))],
    ['adset', adsets.map((s) => adsetEntity(s, account.currency, goals))],
    ['ad', ads.map((a) => adEntity(a, goals))],
  ];
  const stats = {} as EntitySyncResult['stats'];
  await db.transaction(async (tx) => {
    await upsertConnection(tx, scope.workspaceId, scope.externalAccountId, {
      name: account.name,
      currency: account.currency,
      timeZone: account.timezone_name,
    });
    for (const [level, items] of levels) {
      const counts = await upsertEntities(tx, scope, level, items);
      const removed =
        level === 'account'
          ? 0
          : await markMissingEntitiesRemoved(
              tx,
              scope,
              level,
              items.map((i) => i.externalId),
            );
      stats[level] = { ...counts, removed };
    }
  });
  const written = Object.values(stats).reduce((n, s) => n + s.created + s.updated + s.removed, 0);
  noteRowsWritten(db, written);
  return { account, stats };
}
