// A small account for the chat tests, written through the ingest path: one campaign's facts on three
// recent days. The expected total is computed here from the fixture (in cents), never from our tools.
import { upsertConnection } from '../../src/db/connections.js';
import type { Db } from '../../src/db/db.js';
import type { FactRow } from '../../src/db/facts.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { ingestFactRows } from '../../src/sync/ingest.js';

const SPEND_CENTS = [1234, 5678, 10001];

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

function fact(i: number): FactRow {
  const cents = SPEND_CENTS[i];
  return {
    adId: `880${i}`,
    adsetId: '8810',
    campaignId: '8820',
    adName: `Chat ad ${i}`,
    adsetName: 'Chat ad set',
    campaignName: 'Chat Test Campaign',
    date: daysAgo(i + 2),
    hour: -1,
    spend: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    impressions: 1000,
    reach: 900,
    clicks: 10,
    linkClicks: 8,
    landingPageViews: 5,
    addToCart: '0',
    purchases: '0',
    revenue: '0',
    leads: '0',
    actions: null,
    actionValues: null,
  };
}

/** Seeds the account; returns the expected 30-day spend as en-US money text ("$169.13"). */
export async function seedChatAccount(db: Db): Promise<{ spendText: string }> {
  const connection = await upsertConnection(db, DEFAULT_WORKSPACE_ID, 'act_555000222', {
    name: 'Chat account',
    currency: 'USD',
    timeZone: 'UTC',
  });
  await ingestFactRows(
    db,
    { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id },
    SPEND_CENTS.map((_, i) => fact(i)),
  );
  const cents = SPEND_CENTS.reduce((a, b) => a + b, 0);
  return { spendText: `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}` };
}
