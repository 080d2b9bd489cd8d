// An embedded data dir holding one USD/UTC account with one campaign and the given facts, for tests
// that spawn the real CLI (`adnavi ask`, `adnavi chat`) on it. The database is closed before the
// tests start: the CLI process must be its one owner.
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { openNewDataDir } from '../helpers/dataDir.js';
import { addFacts, makeCampaignTree, makeConnection } from '../helpers/fixtures.js';

export async function seedCliDataDir(
  campaignName: string,
  facts: Parameters<typeof addFacts>[2],
): Promise<string> {
  const { dir, db } = await openNewDataDir('adnavi-cli-');
  const connectionId = await makeConnection(db, DEFAULT_WORKSPACE_ID, {
    currency: 'USD',
    timeZone: 'UTC',
    lastSyncedAt: new Date().toISOString(),
  });
  const { ad } = await makeCampaignTree(
    db,
    { workspaceId: DEFAULT_WORKSPACE_ID, connectionId },
    { name: campaignName },
  );
  await addFacts(db, ad, facts);
  await db.close();
  return dir;
}

/** The environment a spawned CLI runs with on that data dir. */
export const cliEnv = (dir: string) => ({
  PATH: process.env.PATH,
  ADNAVI_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
});

export interface PastMonth {
  since: string;
  until: string;
  /** The month's day n, YYYY-MM-DD. */
  day(n: number): string;
  /** How an answer names the range, without the year ("Aug 1 – Aug 31"). */
  label: string;
}

/**
 * The whole calendar month three months before the current one (UTC). The spawned CLI reads the
 * real clock and refuses dates older than Meta's 37 months, so a fixture month must move with the
 * clock; three months back is long finished and well inside that window at any hour.
 */
export function pastMonth(now = new Date()): PastMonth {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - 3;
  const iso = (n: number) => new Date(Date.UTC(year, month, n)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const name = new Date(Date.UTC(year, month, 1)).toLocaleString('en-US', {
    month: 'short',
    timeZone: 'UTC',
  });
  return { since: iso(1), until: iso(last), day: iso, label: `${name} 1 – ${name} ${last}` };
}
