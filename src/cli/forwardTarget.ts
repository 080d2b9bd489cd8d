// Where `adnavi ask` and `adnavi mcp` send their work when a running server owns the embedded data
// dir (it has one owner, src/db/dataDirLock.ts): that server, on loopback. A server in local mode
// needs no credentials; one that requires sign-in takes the workspace API key in ADNAVI_API_KEY, and
// without one the command stops with one line saying so (opening the database itself would only be
// refused, naming the owner).
import type { Config } from '../config.js';
import { runningServer } from '../db/dataDirLock.js';
import { AppError } from '../errors.js';

export interface ForwardTarget {
  url: string;
  /** Sent as "Authorization: Bearer …" when set. */
  apiKey?: string;
}

export function forwardTarget(
  config: Pick<Config, 'DATABASE_URL' | 'ADNAVI_DATA_DIR' | 'ADNAVI_API_KEY'>,
): ForwardTarget | undefined {
  if (config.DATABASE_URL) return undefined;
  const owner = runningServer(config.ADNAVI_DATA_DIR);
  if (!owner) return undefined;
  if (config.ADNAVI_API_KEY) return { url: owner.url, apiKey: config.ADNAVI_API_KEY };
  if (owner.local) return { url: owner.url };
  throw new AppError(
    `the AdNavi server at ${owner.url} owns ADNAVI_DATA_DIR and requires sign-in: set ADNAVI_API_KEY to a workspace API key (create one in its Settings → API keys) to ask through it.`,
  );
}

/** The request headers that carry the target's key. */
export function authHeaders(target: ForwardTarget): Record<string, string> {
  return target.apiKey ? { Authorization: `Bearer ${target.apiKey}` } : {};
}
