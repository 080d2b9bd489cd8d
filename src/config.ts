// The one place configuration is read. Every variable from DESIGN.md is parsed and validated here,
// once, at start-up; a bad value stops the process with one line naming the variable.
import { isIP } from 'node:net';
import { z } from 'zod';

/** Analytics results a database handle keeps when ADNAVI_RESULT_CACHE is not set (resultCache.ts). */
export const DEFAULT_RESULT_CACHE_ENTRIES = 500;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = (what: string) =>
  optionalString.refine((v) => v === undefined || URL.canParse(v), `must be a URL (${what})`);

const optionalDays = (max: number) =>
  optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine(
      (n) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= max),
      `must be a whole number of days, 1 to ${max}`,
    );

const TRUST_PROXY_HINT =
  'must be a hop count (1) or a comma-separated list of addresses, subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal';
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** express's "trust proxy" value for ADNAVI_TRUST_PROXY, or undefined when it is not one. */
function trustProxyValue(v: string): number | string[] | undefined {
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((p) => p.trim());
  const valid = (p: string) => {
    if (PROXY_NAMES.has(p)) return true;
    const [address, bits, extra] = p.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  };
  return parts.every(valid) ? parts : undefined;
}

const envSchema = z.object({
  DATABASE_URL: optionalUrl('postgres://user@host:5432/db'),
  ADNAVI_DATA_DIR: optionalString.transform((v) => v ?? './.adnavi'),
  PORT: optionalString
    .transform((v) => (v === undefined ? 8787 : Number(v)))
    .refine(
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
      'must be an integer port between 0 and 65535',
    ),
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  META_GRAPH_URL: optionalUrl('e.g. https://graph.facebook.com').transform(
    (v) => v?.replace(/\/+$/, '') ?? 'https://graph.facebook.com',
  ),
  META_API_VERSION: optionalString
    .transform((v) => v ?? 'v24.0')
    .refine((v) => /^v\d+\.\d+$/.test(v), 'must look like v24.0'),
  META_OAUTH_DIALOG_URL: optionalUrl('e.g. https://www.facebook.com').transform(
    (v) => v?.replace(/\/+$/, '') ?? 'https://www.facebook.com',
  ),
  /** Public base URL of this server (for the OAuth redirect); default: taken from the request. */
  ADNAVI_PUBLIC_URL: optionalUrl('e.g. https://adnavi.example.com').transform((v) => v?.replace(/\/+$/, '')),
  META_ACCESS_TOKEN: optionalString,
  META_AD_ACCOUNT_ID: optionalString.refine(
    (v) => v === undefined || /^(act_)?\d+$/.test(v),
    'must be an ad account id like act_1234567890',
  ),
  META_APP_ID: optionalString,
  META_APP_SECRET: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('an OpenAI-compatible base URL'),
  ADNAVI_MODEL: optionalString.transform((v) => v ?? 'gpt-4o-mini'),
  ADNAVI_ENCRYPTION_KEY: optionalString.refine(
    (v) => v === undefined || Buffer.from(v, 'base64').length === 32,
    'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
  ),
  /** Previous keys, read by the keyring loader (src/secrets/tokenVault.ts); validated here too. */
  ADNAVI_ENCRYPTION_KEYS_OLD: optionalString.refine(
    (v) =>
      v === undefined ||
      v.split(',').every((k) => k.trim() === '' || Buffer.from(k.trim(), 'base64').length === 32),
    'must be comma-separated 32-byte keys, base64-encoded',
  ),
  REDIS_URL: optionalUrl('redis://host:6379'),
  /** API requests a minute per caller (API key, session, or address). */
  ADNAVI_RATE_LIMIT: optionalString
    .transform((v) => (v === undefined ? 600 : Number(v)))
    .refine(
      (n) => Number.isInteger(n) && n >= 1,
      'must be a whole number of requests per minute, at least 1',
    ),
  /** Chat questions a minute per caller (API key, signed-in user, or local address). */
  ADNAVI_ASK_RATE_LIMIT: optionalString
    .transform((v) => (v === undefined ? 60 : Number(v)))
    .refine(
      (n) => Number.isInteger(n) && n >= 1,
      'must be a whole number of questions per minute, at least 1',
    ),
  /** Analytics results kept per database handle, served again while the data is unchanged (0: none). */
  ADNAVI_RESULT_CACHE: optionalString
    .transform((v) => (v === undefined ? DEFAULT_RESULT_CACHE_ENTRIES : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0, 'must be a whole number of results, 0 to keep none'),
  /** Chat sockets one caller may hold open at once. */
  ADNAVI_SOCKETS_PER_CALLER: optionalString
    .transform((v) => (v === undefined ? 20 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 1, 'must be a whole number of sockets, at least 1'),
  /** Days a first sync fetches (through today); Meta keeps insights for 37 months. Default 90. */
  ADNAVI_SYNC_BACKFILL_DAYS: optionalDays(1125),
  /** Days before the last complete day that every later sync fetches again (restatements). Default 28. */
  ADNAVI_SYNC_LOOKBACK_DAYS: optionalDays(90),
  /** Extra hostnames MCP over HTTP answers to (comma-separated), besides loopback and HOST: DNS-rebinding guard. */
  ADNAVI_ALLOWED_HOSTS: optionalString.transform((v) =>
    (v ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  ),
  /**
   * Which proxies' X-Forwarded-For/-Proto to believe (express "trust proxy"): unset = none; a hop count
   * (1); or a comma-separated list of addresses, subnets and the names loopback, linklocal, uniquelocal.
   */
  ADNAVI_TRUST_PROXY: optionalString
    .refine((v) => v === undefined || trustProxyValue(v) !== undefined, TRUST_PROXY_HINT)
    .transform((v) => (v === undefined ? false : trustProxyValue(v)!)),
  /** The workspace API key `adnavi ask` / `adnavi mcp` send to a running server that requires sign-in. */
  ADNAVI_API_KEY: optionalString.refine(
    (v) => v === undefined || v.startsWith('adn_k_'),
    'must be a workspace API key (adn_k_…), from Settings → API keys',
  ),
  /** 'required' forces sign-in even on loopback; off loopback it is always required. */
  ADNAVI_AUTH: z
    .enum(['auto', 'required'])
    .optional()
    .transform((v) => v ?? 'auto'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .transform((v) => v ?? 'info'),
  LOG_FORMAT: z
    .enum(['auto', 'json', 'pretty'])
    .optional()
    .transform((v) => v ?? 'auto'),
});

export type Config = z.output<typeof envSchema>;
/** Every variable the configuration reads (keys of the schema). */
export type ConfigVariable = keyof z.input<typeof envSchema>;
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as ConfigVariable[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env by default); throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = String(issue.path[0] ?? 'environment');
  throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}`);
}

/** Meta credentials for a real account are configured: demo mode is off. */
export function hasRealMetaAccount(config: Config): boolean {
  return config.META_ACCESS_TOKEN !== undefined && config.META_AD_ACCOUNT_ID !== undefined;
}

/** An LLM endpoint is configured: the assistant uses the model instead of the offline planner. */
export function hasLlm(config: Config): boolean {
  return config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
}
