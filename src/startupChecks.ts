// Start-up failures a person can fix, each as one line naming the setting and what to do: the HTTP
// port taken (checked before any other work, so `npm start` never syncs for a minute and then dies),
// a DATABASE_URL that does not lead to a usable database, and a configured Meta token Meta refuses.
import { createServer } from 'node:net';
import { type Config, ConfigError } from './config.js';

/** Throws ConfigError when nothing can listen on host:port. Binds and releases at once. */
export async function ensurePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(portError(err, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A listen error in the words of the PORT/HOST settings (or the error itself when it is not about them). */
export function portError(err: unknown, port: number, host: string): Error {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      `PORT ${port} is already in use on ${host} (is AdNavi already running?): stop that process or set PORT to a free port`,
    );
  if (code === 'EACCES')
    return new ConfigError(`PORT ${port} needs privileges to bind on ${host}: set PORT to 1024 or above`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new ConfigError(`HOST ${host} is not an address of this machine: set HOST (default 127.0.0.1)`);
  return err instanceof Error ? err : new Error(String(err));
}

/** A failure to reach PostgreSQL in the words of DATABASE_URL (never echoing its password). */
export function databaseUrlError(err: unknown, url: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  // node-postgres reports its own connect timeout without a code
  const code = (err as { code?: string }).code ?? (/timeout/i.test(message) ? 'CONNECT_TIMEOUT' : undefined);
  let where = 'the server';
  let user = '';
  let database = '';
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}`;
    user = decodeURIComponent(u.username);
    database = decodeURIComponent(u.pathname.slice(1));
  } catch {
    return new ConfigError('DATABASE_URL is not a URL: use postgres://USER@HOST:PORT/DATABASE');
  }
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'CONNECT_TIMEOUT':
      return new ConfigError(
        `DATABASE_URL: no PostgreSQL answers at ${where} (${code}): start it, fix DATABASE_URL, or unset it for the embedded database`,
      );
    case '28000':
    case '28P01':
      return new ConfigError(
        `DATABASE_URL: PostgreSQL at ${where} refused role "${user}": create the role or fix the user/password in DATABASE_URL`,
      );
    case '3D000':
      return new ConfigError(
        `DATABASE_URL: database "${database}" does not exist at ${where}: create it (createdb ${database}) or fix DATABASE_URL`,
      );
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * With a real account configured (META_ACCESS_TOKEN and META_AD_ACCOUNT_ID), one Graph read before
 * anything else: a token Meta refuses is a start-up error naming the setting, not a sync failure
 * pointing to Settings in a server that never started.
 */
export async function ensureMetaAccountReadable(
  config: Pick<Config, 'META_GRAPH_URL' | 'META_API_VERSION' | 'META_APP_SECRET' | 'REDIS_URL'>,
  token: string,
  accountId: string,
): Promise<void> {
  const [{ GraphClient }, { MetaApiError }, { logger }] = await Promise.all([
    import('./sync/meta/graphClient.js'),
    import('./sync/meta/metaErrors.js'),
    import('./log.js'),
  ]);
  const client = new GraphClient({
    baseUrl: config.META_GRAPH_URL,
    version: config.META_API_VERSION,
    accessToken: token,
    appSecret: config.META_APP_SECRET,
    accountId,
    redisUrl: config.REDIS_URL,
    maxThrottleWaitMs: 60_000,
    log: logger,
  });
  try {
    await client.getAdAccount();
  } catch (err) {
    if (!(err instanceof MetaApiError)) throw err;
    const code = err.metaCode === undefined ? '' : ` (Meta error ${err.metaCode})`;
    const demo = 'or unset META_ACCESS_TOKEN and META_AD_ACCOUNT_ID to start the demo instead';
    if (err.kind === 'auth' || err.kind === 'permission') {
      throw new ConfigError(
        `META_ACCESS_TOKEN: Meta refused this token for ${accountId}${code}: set META_ACCESS_TOKEN to a valid token with ads_read on that account, ${demo}`,
      );
    }
    if (err.kind === 'invalid') {
      throw new ConfigError(
        `META_AD_ACCOUNT_ID: Meta could not read ${accountId}${code}: set it to the account's id (act_ and its number, from Ads Manager), ${demo}`,
      );
    }
    if (err.kind === 'transient') {
      throw new ConfigError(
        `META_GRAPH_URL: Meta did not answer at ${config.META_GRAPH_URL} (${err.message}): check the network and try again, ${demo}`,
      );
    }
    throw err;
  } finally {
    await client.close().catch(() => undefined);
  }
}
