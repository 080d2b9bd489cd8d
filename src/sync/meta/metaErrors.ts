// Meta's error envelope → one typed error. The kind decides what the caller does (retry.ts waits on
// 'throttle', backs off on 'transient'; the sync splits its window on 'tooMuchData' and marks the
// connection needs_reauth on 'auth'); the message tells a person what to do next. Tokens never reach
// a message: anything quoted from a request or an answer goes through redactUrl first.
import { AppError } from '../../errors.js';
import { redactUrl } from '../../log.js';
import { type MetaErrorBody, metaErrorBodySchema } from './metaTypes.js';
import { type HeaderBag, readUsage } from './usageLimiter.js';

export type MetaErrorKind =
  | 'auth'
  | 'permission'
  | 'throttle'
  | 'transient'
  | 'tooMuchData'
  | 'invalid'
  | 'policy'
  | 'unknown';

export interface MetaApiErrorInit {
  kind: MetaErrorKind;
  message: string;
  /** Meta's numeric error code (`error.code`); AppError's `code` is our string code. */
  metaCode?: number;
  subcode?: number;
  fbtraceId?: string;
  /** How long Meta asks us to wait before the next call (throttle). */
  retryAfterMs?: number;
  /** HTTP status of Meta's answer; undefined when no answer came (network error). */
  upstreamStatus?: number;
  /** Meta's own words (error_user_msg, else message), for callers that phrase their own message. */
  metaMessage?: string;
}

const HTTP_STATUS: Record<MetaErrorKind, number> = {
  auth: 502,
  permission: 502,
  throttle: 429,
  transient: 503,
  tooMuchData: 502,
  invalid: 502,
  policy: 502,
  unknown: 502,
};

export class MetaApiError extends AppError {
  override name = 'MetaApiError';
  override readonly httpStatus: number;
  override readonly code: string;
  readonly kind: MetaErrorKind;
  readonly metaCode?: number;
  readonly subcode?: number;
  readonly fbtraceId?: string;
  readonly retryAfterMs?: number;
  readonly upstreamStatus?: number;
  readonly metaMessage?: string;

  constructor(init: MetaApiErrorInit) {
    super(redactUrl(init.message));
    this.kind = init.kind;
    this.code = `meta_${init.kind}`;
    this.httpStatus = HTTP_STATUS[init.kind];
    this.metaCode = init.metaCode;
    this.subcode = init.subcode;
    this.fbtraceId = init.fbtraceId;
    this.retryAfterMs = init.retryAfterMs;
    this.upstreamStatus = init.upstreamStatus;
    this.metaMessage = init.metaMessage === undefined ? undefined : redactUrl(init.metaMessage);
  }
}

const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const AUTH_SUBCODES: Record<number, string> = {
  458: 'the app was removed from the account',
  459: 'the Facebook user must log in to facebook.com to pass a security checkpoint',
  460: 'the Facebook user changed their password',
  463: 'the Meta access token expired',
  464: 'the Facebook user is not confirmed',
  467: 'the Meta access token is no longer valid',
};

/** Decides the kind from Meta's code, subcode, transient flag and the HTTP status. */
export function classifyMetaError(
  body: MetaErrorBody | undefined,
  httpStatus: number | undefined,
): MetaErrorKind {
  if (httpStatus === undefined && body === undefined) return 'transient'; // no answer at all: network
  const code = body?.code;
  const sub = body?.error_subcode;
  if (code === 190 || code === 102 || (sub !== undefined && sub in AUTH_SUBCODES)) return 'auth';
  if ((code === 1 && sub === 99) || /reduce the amount of data/i.test(body?.message ?? ''))
    return 'tooMuchData';
  if (code !== undefined && (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014))) return 'throttle';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'permission';
  if (code === 368) return 'policy';
  if (code === 100 || code === 803 || code === 2500) return 'invalid';
  if (code === 1 || code === 2 || body?.is_transient === true) return 'transient';
  if (httpStatus !== undefined && httpStatus >= 500) return 'transient';
  return 'unknown';
}

function codeLabel(body: MetaErrorBody | undefined): string {
  if (body?.code === undefined) return 'no code';
  return body.error_subcode === undefined ? `code ${body.code}` : `code ${body.code}/${body.error_subcode}`;
}

function describe(
  kind: MetaErrorKind,
  body: MetaErrorBody | undefined,
  accountId: string,
  status?: number,
): string {
  const label = codeLabel(body);
  const meta = body?.error_user_msg ?? body?.message ?? (status ? `HTTP ${status}` : 'no answer');
  switch (kind) {
    case 'auth': {
      const why = AUTH_SUBCODES[body?.error_subcode ?? -1] ?? 'the Meta access token is not valid';
      const what = why.charAt(0).toUpperCase() + why.slice(1);
      return `${what} (${label}). Reconnect the ad account (Settings → Connect Meta Ads, or adnavi connect meta --account ${accountId} --token NEW_TOKEN) to resume syncing.`;
    }
    case 'permission':
      return `Meta refused access to ${accountId} (${label}): ${meta}. The token needs the ads_read permission on this ad account.`;
    case 'throttle':
      return `Meta's rate limit for ${accountId} is reached (${label}): ${meta}`;
    case 'transient':
      return `Meta had a temporary problem (${label}): ${meta}`;
    case 'tooMuchData':
      return `Meta asks for less data at once (${label}): ask for a shorter date range or use an async report.`;
    case 'invalid':
      return `Meta rejected the request (${label}): ${body?.message ?? meta}`;
    case 'policy':
      return `Meta has temporarily blocked ${accountId} for a policy reason (${label}): ${meta}`;
    case 'unknown':
      return `Meta answered with an unexpected error (${label}): ${meta}`;
  }
}

export interface MetaFailure {
  /** HTTP status; undefined when no answer arrived. */
  status?: number;
  /** The inner `error` object of Meta's answer, if any. */
  body?: unknown;
  headers?: HeaderBag;
  accountId: string;
  /** What went wrong on the wire when no answer came (e.g. ECONNRESET). */
  networkReason?: string;
}

/** Builds the typed error from what came back (or didn't). */
export function metaApiErrorFrom(f: MetaFailure): MetaApiError {
  const parsed = metaErrorBodySchema.safeParse(f.body);
  const body = parsed.success ? parsed.data : undefined;
  const kind = f.status === undefined && body === undefined ? 'transient' : classifyMetaError(body, f.status);
  let message = describe(kind, body, f.accountId, f.status);
  if (f.networkReason && body === undefined && f.status === undefined) {
    message = `Could not reach the Meta Graph API (${f.networkReason}).`;
  }
  const usage = kind === 'throttle' ? readUsage(f.headers) : undefined;
  return new MetaApiError({
    kind,
    message,
    metaCode: body?.code,
    subcode: body?.error_subcode,
    fbtraceId: body?.fbtrace_id,
    retryAfterMs: usage?.resetMs,
    upstreamStatus: f.status,
    metaMessage: body?.error_user_msg ?? body?.message,
  });
}
