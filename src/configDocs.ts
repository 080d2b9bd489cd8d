// What each configuration variable means and its default, for people: the README's configuration table
// is generated from this list (`npm run docs`), and the record's type makes every variable of the
// schema in src/config.ts need an entry, so the documentation cannot drift from what is read.
import { type ConfigVariable, DEFAULT_RESULT_CACHE_ENTRIES } from './config.js';

interface VariableDoc {
  meaning: string;
  default: string;
}

export const CONFIG_DOCS: Record<ConfigVariable, VariableDoc> = {
  DATABASE_URL: { meaning: 'PostgreSQL URL', default: 'unset: embedded PGlite in `ADNAVI_DATA_DIR`' },
  ADNAVI_DATA_DIR: {
    meaning: 'where embedded data lives (database, demo encryption key)',
    default: '`./.adnavi`',
  },
  PORT: { meaning: 'HTTP port', default: '`8787`' },
  HOST: { meaning: 'bind address (anything but loopback requires sign-in)', default: '`127.0.0.1`' },
  META_GRAPH_URL: {
    meaning: 'Graph API base',
    default: '`https://graph.facebook.com` (the simulator in demo mode)',
  },
  META_API_VERSION: { meaning: 'Graph API version', default: '`v24.0`' },
  META_OAUTH_DIALOG_URL: {
    meaning: "Meta's login dialog host",
    default: '`https://www.facebook.com` (the simulator in demo mode)',
  },
  ADNAVI_PUBLIC_URL: {
    meaning: 'public base URL, for the OAuth redirect behind a proxy',
    default: 'unset: the allow-listed host',
  },
  META_ACCESS_TOKEN: {
    meaning: 'Meta access token of the account to sync (with `META_AD_ACCOUNT_ID`: demo mode is off)',
    default: 'unset (demo mode)',
  },
  META_AD_ACCOUNT_ID: { meaning: 'the ad account to sync, `act_…`', default: 'unset (demo mode)' },
  META_APP_ID: {
    meaning: 'Meta app id, for Connect Meta Ads (OAuth) and long-lived token refresh',
    default: 'unset',
  },
  META_APP_SECRET: { meaning: 'Meta app secret, with `META_APP_ID`', default: 'unset' },
  OPENAI_API_KEY: {
    meaning: 'LLM brain: key for any OpenAI-compatible server',
    default: 'unset: offline planner',
  },
  OPENAI_BASE_URL: {
    meaning: 'LLM brain: base URL of an OpenAI-compatible server',
    default: 'unset: OpenAI when a key is set',
  },
  ADNAVI_MODEL: { meaning: 'LLM brain: model name', default: '`gpt-4o-mini`' },
  ADNAVI_ENCRYPTION_KEY: {
    meaning: '32-byte key, base64 (`openssl rand -base64 32`), for tokens at rest',
    default: 'generated into the data dir in demo mode only',
  },
  ADNAVI_ENCRYPTION_KEYS_OLD: {
    meaning: 'previous keys (comma-separated base64) kept readable during `adnavi keys rotate`',
    default: 'unset',
  },
  REDIS_URL: {
    meaning: 'share the Graph API rate limiter across processes (Bottleneck cluster)',
    default: 'unset: in-process',
  },
  ADNAVI_RATE_LIMIT: { meaning: 'API requests per minute per caller', default: '`600`' },
  ADNAVI_ASK_RATE_LIMIT: {
    meaning:
      'chat questions per minute per caller (API key, signed-in user, or local address); past it the chat answers with an error giving the wait',
    default: '`60`',
  },
  ADNAVI_RESULT_CACHE: {
    meaning:
      "analytics results a process keeps and serves again while the data they read is unchanged (any write to a connection's facts or entities, or to the connection, ends them); `0` keeps none",
    default: `\`${DEFAULT_RESULT_CACHE_ENTRIES}\``,
  },
  ADNAVI_SOCKETS_PER_CALLER: {
    meaning:
      'chat WebSockets one caller may hold open at once; past it the handshake gets 429 with Retry-After',
    default: '`20`',
  },
  ADNAVI_SYNC_BACKFILL_DAYS: {
    meaning:
      'whole days before today a first sync fetches, plus today; older history follows in background slices (Meta keeps 37 months)',
    default: "`90` (demo: the simulator's whole history)",
  },
  ADNAVI_SYNC_LOOKBACK_DAYS: {
    meaning:
      'days before the last complete day that every later sync fetches again (Meta restates recent days)',
    default: '`28`',
  },
  ADNAVI_ALLOWED_HOSTS: {
    meaning:
      'extra host names every surface (pages, REST, WebSocket, MCP) answers to (comma-separated; DNS-rebinding protection)',
    default: 'loopback, `HOST` and the host of `ADNAVI_PUBLIC_URL`',
  },
  ADNAVI_TRUST_PROXY: {
    meaning:
      'proxies whose `X-Forwarded-For`/`-Proto` are believed: a hop count (`1`) or addresses, subnets, `loopback`',
    default: "unset: none (the caller's own address counts)",
  },
  ADNAVI_API_KEY: {
    meaning:
      'API key `adnavi ask` / `mcp` send to the server owning `ADNAVI_DATA_DIR` when it requires sign-in',
    default: 'unset',
  },
  ADNAVI_AUTH: {
    meaning: '`required` forces sign-in even on loopback (off loopback it is always required)',
    default: '`auto`',
  },
  LOG_LEVEL: { meaning: 'pino level; logs go to stderr', default: '`info`' },
  LOG_FORMAT: {
    meaning:
      '`json` (one object per line) or `pretty` (short readable lines); `auto` is pretty on a terminal, JSON otherwise',
    default: '`auto`',
  },
};

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

/** The README's configuration table, one row per variable, in the schema's order, padded the way
 * biome formats markdown tables (so `biome check` and the generator agree). */
export function configTableMarkdown(): string {
  const rows = [
    ['variable', 'meaning', 'default'],
    ...Object.entries(CONFIG_DOCS).map(([name, doc]) => [
      `\`${name}\``,
      escapeCell(doc.meaning),
      escapeCell(doc.default),
    ]),
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const line = (cells: string[]) => `| ${cells.map((c, col) => c.padEnd(widths[col])).join(' | ')} |`;
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

const START = '<!-- config-table:start (generated by `npm run docs` from src/configDocs.ts) -->';
const END = '<!-- config-table:end -->';

/** The README with its configuration table regenerated between the markers. */
export function withConfigTable(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  return `${readme.slice(0, from + START.length)}\n${configTableMarkdown()}\n${readme.slice(to)}`;
}
