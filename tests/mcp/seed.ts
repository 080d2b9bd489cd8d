// A small, known account for the MCP tests: two campaigns, three ads, facts on recent days, written
// through the ingest path. Expected figures are computed here from the fixture (in cents), never
// from the tools' own output.
import { upsertConnection } from '../../src/db/connections.js';
import type { Db } from '../../src/db/db.js';
import type { FactRow } from '../../src/db/facts.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { ingestFactRows } from '../../src/sync/ingest.js';

export const SEED_ACCOUNT = 'act_777000111';

/** YYYY-MM-DD, `n` days before today (UTC; the seeded account's time zone is UTC). */
export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

interface SeedFact {
  ad: string;
  adset: string;
  campaign: string;
  campaignName: string;
  day: number;
  spendCents: number;
  purchases: number;
  revenueCents: number;
}

const facts: SeedFact[] = [
  {
    ad: '9101',
    adset: '9201',
    campaign: '9301',
    campaignName: 'Spring Sale',
    day: 2,
    spendCents: 1234,
    purchases: 1,
    revenueCents: 5000,
  },
  {
    ad: '9101',
    adset: '9201',
    campaign: '9301',
    campaignName: 'Spring Sale',
    day: 3,
    spendCents: 566,
    purchases: 0,
    revenueCents: 0,
  },
  {
    ad: '9102',
    adset: '9201',
    campaign: '9301',
    campaignName: 'Spring Sale',
    day: 2,
    spendCents: 2000,
    purchases: 2,
    revenueCents: 9999,
  },
  {
    ad: '9103',
    adset: '9202',
    campaign: '9302',
    campaignName: 'Brand Awareness',
    day: 4,
    spendCents: 10001,
    purchases: 0,
    revenueCents: 0,
  },
];

const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function toRow(f: SeedFact): FactRow {
  return {
    adId: f.ad,
    adsetId: f.adset,
    campaignId: f.campaign,
    adName: `Ad ${f.ad}`,
    adsetName: `Ad set ${f.adset}`,
    campaignName: f.campaignName,
    date: daysAgo(f.day),
    hour: -1,
    spend: decimal(f.spendCents),
    impressions: 1000,
    reach: 800,
    clicks: 20,
    linkClicks: 15,
    landingPageViews: 10,
    addToCart: '0',
    purchases: String(f.purchases),
    revenue: decimal(f.revenueCents),
    leads: '0',
    actions: null,
    actionValues: null,
  };
}

export interface Seeded {
  connectionId: string;
  /** A range covering every seeded day. */
  range: { since: string; until: string };
  totalSpend: number;
  spendByCampaign: Record<string, number>;
}

export async function seedAccount(db: Db): Promise<Seeded> {
  const connection = await upsertConnection(db, DEFAULT_WORKSPACE_ID, SEED_ACCOUNT, {
    name: 'Seeded account',
    currency: 'USD',
    timeZone: 'UTC',
  });
  await ingestFactRows(
    db,
    { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id },
    facts.map(toRow),
  );
  const spendByCampaign: Record<string, number> = {};
  for (const f of facts)
    spendByCampaign[f.campaignName] = (spendByCampaign[f.campaignName] ?? 0) + f.spendCents;
  return {
    connectionId: connection.id,
    range: { since: daysAgo(10), until: daysAgo(0) },
    totalSpend: facts.reduce((s, f) => s + f.spendCents, 0) / 100,
    spendByCampaign: Object.fromEntries(Object.entries(spendByCampaign).map(([k, v]) => [k, v / 100])),
  };
}
