// The only module that touches facebook-nodejs-business-sdk. The SDK keeps its host and version in
// static getters (`FacebookAdsApi.GRAPH`, `.VERSION`) that every call reads synchronously while it
// builds its URL; we redefine both to read the route of the call in progress from AsyncLocalStorage,
// so clients with different base URLs, versions and tokens can run at the same time, and a call made
// outside a route fails instead of defaulting to graph.facebook.com. Each transport has its own
// FacebookAdsApi instance (never the SDK's global default) built with crash_log = false, so the SDK's
// crash reporter, which posts to Meta, is never switched on. setShowHeader(true) hands us the usage
// headers. Paging follows `after` cursors with fresh SDK calls rather than the `paging.next` URL, so
// every page goes to our base URL with our token and appsecret_proof (Meta's `next` may omit the proof).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { MetaApiError, metaApiErrorFrom } from './metaErrors.js';
import { metaPagingSchema } from './metaTypes.js';
import type { HeaderBag } from './usageLimiter.js';

type Params = Record<string, unknown>;
interface SdkObject {
  _data: Record<string, unknown>;
}
interface SdkCursor extends Array<SdkObject> {
  headers?: HeaderBag;
  paging?: unknown;
}
interface SdkApi {
  setShowHeader(flag: boolean): SdkApi;
  call(method: 'GET', path: string[], params: Params): Promise<Record<string, unknown>>;
}
interface SdkNode {
  get(fields: string[], params: Params): Promise<SdkObject>;
}
interface SdkAccount extends SdkNode {
  getCampaigns(fields: string[], params: Params): Promise<SdkCursor>;
  getAdSets(fields: string[], params: Params): Promise<SdkCursor>;
  getAds(fields: string[], params: Params): Promise<SdkCursor>;
  getInsightsAsync(fields: string[], params: Params): Promise<SdkObject>;
}
type NodeCtor<T> = new (id: string, data: Params, parentId: undefined, api: SdkApi) => T;
interface SdkModule {
  FacebookAdsApi: (new (
    token: string,
    locale: string,
    crashLog: boolean,
  ) => SdkApi) &
    Record<string, unknown>;
  AdAccount: NodeCtor<SdkAccount>;
  AdReportRun: NodeCtor<SdkNode>;
}

// The SDK ships no type declarations; the interfaces above are the part of it we use.
const sdk = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as SdkModule;

interface Route {
  graph: string;
  version: string;
}
const route = new AsyncLocalStorage<Route>();

function currentRoute(): Route {
  const r = route.getStore();
  if (!r) throw new Error('Meta SDK used outside sdkTransport: refusing to default to graph.facebook.com');
  return r;
}
Object.defineProperty(sdk.FacebookAdsApi, 'GRAPH', { configurable: true, get: () => currentRoute().graph });
Object.defineProperty(sdk.FacebookAdsApi, 'VERSION', {
  configurable: true,
  get: () => currentRoute().version,
});

/** appsecret_proof: hex HMAC-SHA256 of the access token keyed by the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

export interface SdkTransportOptions {
  baseUrl: string;
  version: string;
  accessToken: string;
  appSecret?: string;
  /** The ad account this transport reads; absent for calls about no account (the OAuth flow's). */
  accountId?: string;
  /** Give up on an answer after this long (the SDK sets no timeout of its own); default 120 s. */
  requestTimeoutMs?: number;
}

export interface Answer {
  data: Record<string, unknown>;
  headers: HeaderBag;
}

export interface Page {
  rows: Record<string, unknown>[];
  headers: HeaderBag;
  /** Cursor for the next page; undefined on the last page. */
  after?: string;
}

export type AccountEdge = 'campaigns' | 'adsets' | 'ads';

export class SdkTransport {
  private readonly api: SdkApi;
  private readonly route: Route;
  private readonly proof?: string;

  constructor(private readonly opts: SdkTransportOptions) {
    this.api = new sdk.FacebookAdsApi(opts.accessToken, 'en_US', false).setShowHeader(true);
    this.route = { graph: opts.baseUrl.replace(/\/+$/, ''), version: opts.version };
    this.proof = opts.appSecret ? appSecretProof(opts.accessToken, opts.appSecret) : undefined;
  }

  /** The base URL every call of this transport goes to. */
  get graphUrl(): string {
    return this.route.graph;
  }

  /** GET of any Graph path ('oauth/access_token', 'me/adaccounts', …) with this transport's token. */
  readPath(path: string, params: Params): Promise<Answer> {
    const p = this.params(params);
    return this.run(async () => splitHeaders(await this.api.call('GET', path.split('/'), p)));
  }

  readAccount(fields: string[]): Promise<Answer> {
    return this.run(async () => answerOf(await this.account().get(fields, this.params({}))));
  }

  readEdge(edge: AccountEdge, fields: string[], params: Params): Promise<Page> {
    const account = this.account();
    const p = this.params(params);
    return this.run(async () => {
      switch (edge) {
        case 'campaigns':
          return pageOf(await account.getCampaigns(fields, p));
        case 'adsets':
          return pageOf(await account.getAdSets(fields, p));
        case 'ads':
          return pageOf(await account.getAds(fields, p));
      }
    });
  }

  /** A page of synchronous insights for the account (see readInsightsPage for why not getInsights). */
  readInsights(fields: string[], params: Params): Promise<Page> {
    return this.readInsightsPage(this.accountId(), { ...params, fields: fields.join(',') });
  }

  /** POST /act_…/insights: starts an async report; the answer holds report_run_id. */
  startReport(fields: string[], params: Params): Promise<Answer> {
    return this.run(async () => answerOf(await this.account().getInsightsAsync(fields, this.params(params))));
  }

  readReport(reportRunId: string, fields: string[]): Promise<Answer> {
    return this.run(async () => answerOf(await this.report(reportRunId).get(fields, this.params({}))));
  }

  readReportInsights(reportRunId: string, params: Params): Promise<Page> {
    return this.readInsightsPage(reportRunId, params);
  }

  // Insights pages go through the SDK's own transport (api.call: same host getter, token, headers)
  // but not its AdsInsights objects: building one defines a property per known insights field
  // (hundreds), measured at ~0.25 ms a row, 4 s for 15,000 rows, several times the HTTP time.
  private readInsightsPage(nodeId: string, params: Params): Promise<Page> {
    return this.run(async () =>
      rawPageOf(await this.api.call('GET', [nodeId, 'insights'], this.params(params))),
    );
  }

  private account(): SdkAccount {
    return new sdk.AdAccount(this.accountId(), {}, undefined, this.api);
  }

  private accountId(): string {
    if (!this.opts.accountId) throw new Error('this Meta transport was made for no ad account');
    return this.opts.accountId;
  }

  // The SDK's AdReportRun constructor ignores its id and api arguments (it takes the id from
  // data.report_run_id and the api from the SDK's global default, which we never set because it is
  // shared by every client); so we hand it the id its way and attach this transport's api ourselves.
  private report(id: string): SdkNode {
    const run = new sdk.AdReportRun(id, { report_run_id: id }, undefined, this.api);
    (run as unknown as { _api: SdkApi })._api = this.api;
    return run;
  }

  // A fresh object per call: the SDK writes access_token into the params it is given.
  private params(params: Params): Params {
    return this.proof ? { ...params, appsecret_proof: this.proof } : { ...params };
  }

  // The SDK reads GRAPH/VERSION synchronously inside this callback, under this transport's route.
  // The SDK's axios request cannot be aborted from here: on timeout we stop waiting for it and let
  // the retry policy treat it as transient; the socket closes whenever the server ends it.
  private async run<T>(call: () => Promise<T>): Promise<T> {
    const ms = this.opts.requestTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeout(`no answer within ${ms / 1000} s`)), ms);
    });
    try {
      return await Promise.race([route.run(this.route, call), timeout]);
    } catch (err) {
      throw fromSdkError(err, this.opts.accountId ?? 'the ad account');
    } finally {
      clearTimeout(timer);
    }
  }
}

function splitHeaders(raw: Record<string, unknown>): Answer {
  const { headers, ...data } = raw;
  return { data, headers: (headers ?? undefined) as HeaderBag };
}

function answerOf(obj: SdkObject): Answer {
  return splitHeaders(obj._data);
}

function pageOf(cursor: SdkCursor): Page {
  const rows = cursor.map((o) => {
    const { headers: _ignored, ...row } = o._data;
    return row;
  });
  return { rows, headers: cursor.headers, after: nextCursor(cursor.paging) };
}

function rawPageOf(answer: Record<string, unknown>): Page {
  const { data, paging, headers } = answer as { data?: unknown; paging?: unknown; headers?: HeaderBag };
  const rows = Array.isArray(data) ? (data as Record<string, unknown>[]) : [];
  return { rows, headers, after: nextCursor(paging) };
}

/** The `after` cursor of the next page, or undefined on the last one (no `next`). */
function nextCursor(raw: unknown): string | undefined {
  const parsed = metaPagingSchema.safeParse(raw);
  const paging = parsed.success ? parsed.data : undefined;
  if (!paging?.next) return undefined;
  const fromLink = URL.canParse(paging.next) ? new URL(paging.next).searchParams.get('after') : null;
  const after = paging.cursors?.after ?? fromLink;
  if (after) return after;
  throw new MetaApiError({
    kind: 'unknown',
    message: 'Meta announced a next page without an after cursor; stopped rather than silently miss rows.',
  });
}

class RequestTimeout extends Error {}

interface SdkRequestError {
  name: 'FacebookRequestError';
  message: string;
  status: number | null;
  response: unknown;
  headers: HeaderBag;
}

function isSdkRequestError(err: unknown): err is SdkRequestError {
  return err instanceof Error && err.name === 'FacebookRequestError';
}

/** The SDK's FacebookRequestError (or a failure before one could be built) → MetaApiError. */
function fromSdkError(err: unknown, accountId: string) {
  if (isSdkRequestError(err)) {
    const status = err.status ?? undefined;
    const body = err.response ?? undefined;
    return metaApiErrorFrom({ status, body, headers: err.headers, accountId, networkReason: err.message });
  }
  if (err instanceof RequestTimeout) return metaApiErrorFrom({ accountId, networkReason: err.message });
  // The SDK JSON-parses error bodies itself and throws a SyntaxError on a non-JSON one (a proxy's
  // HTML 502 page): that is an unreadable answer, worth retrying like any transient failure.
  if (err instanceof SyntaxError) {
    return metaApiErrorFrom({ status: 502, body: undefined, accountId, networkReason: 'unreadable answer' });
  }
  return err;
}
