// The data endpoints: ad accounts, objects, edges, insights (sync and async). Authentication,
// faults and usage headers are handled before and after this, in server.ts.

import type { SimAccount, SimAd, SimAdset, SimCampaign, SimObject } from './demoAccount.js';
import { invalidParameter, objectNotFound, tooMuchData, unknownPath } from './errors.js';
import type { Faults } from './faults.js';
import { parseFields } from './fields.js';
import { applyFilters, parseFilters } from './filtering.js';
import { earliestDay, insightsPage } from './insights.js';
import { parseInsightsAsk } from './insightsAsk.js';
import { USER_ID } from './oauth.js';
import { renderObject } from './objects.js';
import { nextLinkFor, pageList } from './paging.js';
import type { Reports } from './reports.js';
import type { World } from './world.js';

export interface GraphRequest {
  method: string;
  /** Path without the version prefix, e.g. /act_1/insights. */
  path: string;
  segments: string[];
  /** '/v24.0' when the client sent a version, '' otherwise; kept in paging.next links. */
  versionPrefix: string;
  params: URLSearchParams;
  token: string;
  baseUrl: string;
}

type Json = Record<string, unknown>;
type Listed = SimCampaign | SimAdset | SimAd;

export class DataRoutes {
  constructor(
    private readonly world: World,
    private readonly reports: Reports,
    private readonly faults: Faults,
  ) {}

  handle(req: GraphRequest): Json {
    const [head, edge, ...rest] = req.segments;
    if (rest.length > 0 || !head) throw unknownPath(req.path);
    if (head === 'me') return this.me(req, edge);
    const report = this.reports.get(head);
    if (report) {
      if (req.method !== 'GET') throw invalidParameter('Unsupported method on a report run');
      if (edge === undefined) return this.reports.poll(report);
      if (edge !== 'insights') throw unknownPath(req.path);
      this.reports.ensureComplete(report);
      const target = this.world.find(report.targetId, report.submittedAt);
      if (!target) throw objectNotFound(report.targetId);
      return { ...insightsPage(target, report.ask, report.ctx, req.params, this.next(req)) };
    }
    const now = this.world.now();
    const obj = this.world.find(head, now);
    if (!obj) throw objectNotFound(head);
    if (edge === undefined) {
      if (req.method !== 'GET') throw invalidParameter('The simulator only reads objects');
      return renderObject(obj, parseFields(req.params.get('fields')), now);
    }
    if (edge === 'insights') return this.insights(req, obj, now);
    if (req.method !== 'GET') throw invalidParameter(`Unsupported ${req.method} request on edge ${edge}`);
    const items = edgeItems(obj, edge);
    if (!items) throw unknownPath(req.path);
    const visible = applyFilters(items, parseFilters(req.params), true);
    const sel = parseFields(req.params.get('fields'));
    const rendered = visible.map((o) => renderObject(o, sel, now));
    return { ...pageList(rendered, req.params, this.next(req)) };
  }

  private me(req: GraphRequest, edge: string | undefined): Json {
    if (edge === undefined) return { id: USER_ID, name: 'Demo User' };
    if (edge !== 'adaccounts') throw unknownPath(req.path);
    const now = this.world.now();
    const sel = parseFields(req.params.get('fields'));
    const rendered = this.world.accounts(now).map((a) => renderObject(a, sel, now, ['account_id', 'id']));
    return { ...pageList(rendered, req.params, this.next(req)) };
  }

  private insights(req: GraphRequest, target: SimObject, now: Date): Json {
    const account: SimAccount = target.kind === 'account' ? target : target.account;
    const ask = parseInsightsAsk(req.params, target, account.today, earliestDay(account));
    const ctx = this.world.context(account, now, this.faults.value);
    if (req.method === 'POST') {
      const id = this.reports.submit({
        accountId: account.accountId,
        targetId: target.id,
        ask,
        ctx,
        submittedAt: now,
      });
      return { report_run_id: id };
    }
    if (req.method !== 'GET') throw invalidParameter(`Unsupported ${req.method} request on insights`);
    const maxDays = this.faults.value.maxSyncInsightsDays;
    if (maxDays !== undefined && ask.until - ask.since + 1 > maxDays) throw tooMuchData();
    return { ...insightsPage(target, ask, ctx, req.params, this.next(req)) };
  }

  private next(req: GraphRequest) {
    return nextLinkFor(req.baseUrl, `${req.versionPrefix}${req.path}`, req.params, req.token);
  }
}

function edgeItems(obj: SimObject, edge: string): Listed[] | undefined {
  if (obj.kind === 'account') {
    if (edge === 'campaigns') return obj.campaigns;
    if (edge === 'adsets') return obj.adsets;
    if (edge === 'ads') return obj.ads;
    return undefined;
  }
  if (obj.kind === 'campaign') {
    if (edge === 'adsets') return obj.account.adsets.filter((s) => s.campaign === obj);
    if (edge === 'ads') return obj.account.ads.filter((a) => a.campaign === obj);
    return undefined;
  }
  if (obj.kind === 'adset' && edge === 'ads') return obj.account.ads.filter((a) => a.adset === obj);
  return undefined;
}

/** The ad account a request concerns, for the usage headers. */
export function accountIdOf(world: World, segments: string[]): string {
  const head = segments[0] ?? '';
  const obj = head.startsWith('act_') || /^\d+$/.test(head) ? world.find(head) : undefined;
  const account = obj ? (obj.kind === 'account' ? obj : obj.account) : world.accounts()[0];
  return account.accountId;
}
