// Shared set-up for the sync tests: a simulator on loopback, a fresh database, the demo account
// connected through the real connect path, and the two sides of every exactness check: the
// simulator's own account-level insights (fetched over HTTP) and SQL sums over our facts.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import type { ConnectionRow } from '../../src/db/connections.js';
import type { DbKind } from '../../src/db/db.js';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { keyringFrom } from '../../src/secrets/tokenVault.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/index.js';
import { connectMetaAccount } from '../../src/sync/connect.js';
import type { SyncDeps, SyncRequest } from '../../src/sync/syncService.js';
import { runningClockFrom } from '../helpers/clocks.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

export interface SyncFixture {
  sim: Simulator;
  t: TestDb;
  deps: SyncDeps;
  /** The encryption key (base64) the token was sealed with, for child processes. */
  key: string;
  connection: ConnectionRow;
  req: SyncRequest;
  close(): Promise<void>;
}

/**
 * A test whose assertions need time to pass between runs (retry backoff read from the runs' stamps,
 * the order runs were created in) gives the sync a clock running from a pinned midday instant; the
 * simulator stays frozen there, and the sync's "today" cannot leave the simulator's before evening.
 */
export const RUNNING_SYNC_CLOCK = { runningFrom: '2026-11-25T20:00:00Z' };

export async function setUpSync(
  kind: DbKind,
  simOpts: SimulatorOptions = {},
  clock: { runningFrom?: string } = {},
): Promise<SyncFixture> {
  // one frozen clock for both sides by default: today's partial day must not grow between two syncs,
  // and the sync stamps its runs with this clock (so they all carry the same instant)
  const at = clock.runningFrom ? new Date(clock.runningFrom) : new Date();
  const frozen = () => at;
  const sim = await startSimulator({ seed: 11, now: frozen, ...simOpts });
  const t = await createTestDb(kind);
  const config = loadConfig({ META_GRAPH_URL: sim.url, META_API_VERSION: sim.version, LOG_LEVEL: 'silent' });
  const key = randomBytes(32);
  const now = clock.runningFrom ? runningClockFrom(clock.runningFrom) : frozen;
  const deps: SyncDeps = { db: t.db, config, keyring: keyringFrom(key), now };
  const connection = await connectMetaAccount(deps, {
    workspaceId: DEFAULT_WORKSPACE_ID,
    accountId: sim.accounts[0].id,
    token: sim.accessToken,
  });
  sim.resetCalls();
  return {
    sim,
    t,
    deps,
    key: key.toString('base64'),
    connection,
    req: { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id },
    close: async () => {
      await t.drop();
      await sim.close();
    },
  };
}

/** "1234.5" → "1234.50" style normal form: integer part, then the fraction without trailing zeros. */
export function exact(value: string | number | undefined | null): string {
  const s = String(value ?? '0');
  const [int, frac = ''] = s.split('.');
  const f = frac.replace(/0+$/, '');
  return f ? `${BigInt(int)}.${f}` : String(BigInt(int));
}

export interface Totals {
  spend: string;
  impressions: string;
  clicks: string;
  purchases: string;
  revenue: string;
  leads: string;
}

interface Action {
  action_type: string;
  value: string;
}
const pick = (list: Action[] | undefined, type: string) => list?.find((a) => a.action_type === type)?.value;

/** The simulator's account-level totals for [since, until], over HTTP (counted in its call log). */
export async function simulatorTotals(sim: Simulator, since: string, until: string): Promise<Totals> {
  const q = new URLSearchParams({
    level: 'account',
    fields: 'spend,impressions,clicks,actions,action_values',
    time_range: JSON.stringify({ since, until }),
    access_token: sim.accessToken,
  });
  const res = await fetch(`${sim.url}/${sim.version}/${sim.accounts[0].id}/insights?${q}`);
  const body = (await res.json()) as {
    data: (Record<string, string> & { actions?: Action[]; action_values?: Action[] })[];
  };
  const row = body.data[0] ?? {};
  return {
    spend: exact(row.spend),
    impressions: exact(row.impressions),
    clicks: exact(row.clicks),
    // Meta's own canonical types at account level: omni_purchase, lead
    purchases: exact(pick(row.actions, 'omni_purchase')),
    revenue: exact(pick(row.action_values, 'omni_purchase')),
    leads: exact(pick(row.actions, 'lead')),
  };
}

/** SQL sums over our facts for [since, until]. */
export async function factTotals(f: SyncFixture, since: string, until: string): Promise<Totals> {
  const [r] = await f.t.db.query<Record<keyof Totals, string>>(sql`
    select coalesce(sum(spend), 0)::text as spend, coalesce(sum(impressions), 0)::text as impressions,
      coalesce(sum(clicks), 0)::text as clicks, coalesce(sum(purchases), 0)::text as purchases,
      coalesce(sum(revenue), 0)::text as revenue, coalesce(sum(leads), 0)::text as leads
    from metric_facts where connection_id = ${f.connection.id} and date between ${since} and ${until}`);
  return {
    spend: exact(r.spend),
    impressions: exact(r.impressions),
    clicks: exact(r.clicks),
    purchases: exact(r.purchases),
    revenue: exact(r.revenue),
    leads: exact(r.leads),
  };
}

export async function countFacts(f: SyncFixture): Promise<number> {
  const [r] = await f.t.db.query<{ n: number }>(
    sql`select count(*)::int as n from metric_facts where connection_id = ${f.connection.id}`,
  );
  return r.n;
}
