// Parses an insights ask (level, fields, time_range / date_preset, time_increment, breakdowns,
// filtering) into day numbers in the ad account's time zone. Meta's defaults: level = the level of
// the object asked about, range = last_30d, time_increment = all_days.

import { dayNumber, isValidYmd, monthStart, nextMonthStart, weekday } from './calendar.js';
import type { SimObject } from './demoAccount.js';
import { invalidParameter } from './errors.js';
import { parseFields } from './fields.js';
import { parseFilters } from './filtering.js';

export type Level = 'account' | 'campaign' | 'adset' | 'ad';
export type Increment = number | 'monthly' | 'all_days';

export interface InsightsAsk {
  level: Level;
  fields: string[];
  since: number;
  until: number;
  increment: Increment;
  breakdowns: string[];
  filters: ReturnType<typeof parseFilters>;
}

const LEVELS: Level[] = ['account', 'campaign', 'adset', 'ad'];
// Only the hourly breakdown is simulated; others are refused rather than answered wrongly.
export const SUPPORTED_BREAKDOWNS = ['hourly_stats_aggregated_by_advertiser_time_zone'];
const DEFAULT_FIELDS = ['spend', 'impressions'];

export function parseInsightsAsk(
  params: URLSearchParams,
  target: SimObject,
  today: number,
  earliest: number,
): InsightsAsk {
  const levelRaw = params.get('level') ?? target.kind;
  if (!LEVELS.includes(levelRaw as Level)) {
    throw invalidParameter(`Param level must be one of {ad, adset, campaign, account}`);
  }
  const fields = parseFields(params.get('fields'));
  const breakdowns = parseList(params.get('breakdowns'));
  for (const b of breakdowns) {
    if (!SUPPORTED_BREAKDOWNS.includes(b))
      throw invalidParameter(`Param breakdowns[0] must be one of {${SUPPORTED_BREAKDOWNS.join(', ')}}`);
  }
  const [since, until] = parseRange(params, today, earliest);
  return {
    level: levelRaw as Level,
    fields: fields ? [...fields.keys()] : DEFAULT_FIELDS,
    since,
    until,
    increment: parseIncrement(params.get('time_increment')),
    breakdowns,
    filters: parseFilters(params),
  };
}

/** Accepts a JSON array (`["a","b"]`) or a comma list (`a,b`), as the SDK and curl users send. */
function parseList(raw: string | null): string[] {
  if (!raw) return [];
  if (raw.trim().startsWith('[')) {
    try {
      const v = JSON.parse(raw);
      if (Array.isArray(v)) return v.map(String);
    } catch {
      /* fall through to the error below */
    }
    throw invalidParameter('Param breakdowns must be an array');
  }
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseIncrement(raw: string | null): Increment {
  if (raw === null || raw === '' || raw === 'all_days') return 'all_days';
  if (raw === 'monthly') return 'monthly';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 90) {
    throw invalidParameter(
      'Param time_increment must be an integer between 1 and 90, "monthly" or "all_days"',
    );
  }
  return n;
}

function parseRange(params: URLSearchParams, today: number, earliest: number): [number, number] {
  let since = params.get('time_range[since]');
  let until = params.get('time_range[until]');
  const tr = params.get('time_range');
  if (tr) {
    try {
      const v = JSON.parse(tr);
      since = v?.since;
      until = v?.until;
    } catch {
      throw invalidParameter('Param time_range must be a JSON object with since and until');
    }
  }
  if (since || until) {
    if (typeof since !== 'string' || typeof until !== 'string' || !isValidYmd(since) || !isValidYmd(until)) {
      throw invalidParameter('Param time_range must have since and until dates as YYYY-MM-DD');
    }
    const s = dayNumber(since);
    const u = dayNumber(until);
    if (s > u) throw invalidParameter('Param time_range: since must be on or before until');
    return [s, u];
  }
  return presetRange(params.get('date_preset') ?? 'last_30d', today, earliest);
}

function quarterStart(day: number): number {
  let m = monthStart(day);
  while (new Date(m * 86_400_000).getUTCMonth() % 3 !== 0) m = monthStart(m - 1);
  return m;
}

function yearStart(day: number): number {
  return dayNumber(`${new Date(day * 86_400_000).getUTCFullYear()}-01-01`);
}

export function presetRange(preset: string, t: number, earliest: number): [number, number] {
  const lastN = /^last_(\d+)d$/.exec(preset);
  if (lastN) return [t - Number(lastN[1]), t - 1];
  const monday = t - ((weekday(t) + 6) % 7);
  const sunday = t - weekday(t);
  switch (preset) {
    case 'today':
      return [t, t];
    case 'yesterday':
      return [t - 1, t - 1];
    case 'this_month':
      return [monthStart(t), t];
    case 'last_month':
      return [monthStart(monthStart(t) - 1), monthStart(t) - 1];
    case 'this_quarter':
      return [quarterStart(t), t];
    case 'last_quarter':
      return [quarterStart(quarterStart(t) - 1), quarterStart(t) - 1];
    case 'this_year':
      return [yearStart(t), t];
    case 'last_year':
      return [yearStart(yearStart(t) - 1), yearStart(t) - 1];
    case 'this_week_mon_today':
      return [monday, t];
    case 'this_week_sun_today':
      return [sunday, t];
    case 'last_week_mon_sun':
      return [monday - 7, monday - 1];
    case 'last_week_sun_sat':
      return [sunday - 7, sunday - 1];
    case 'maximum':
    case 'data_maximum':
      return [Math.min(earliest, t), t];
    default:
      throw invalidParameter(`Param date_preset must be one of the documented presets, got '${preset}'`);
  }
}

/** Splits [since, until] into the row periods time_increment asks for. */
export function periods(ask: InsightsAsk): [number, number][] {
  const out: [number, number][] = [];
  if (ask.increment === 'all_days') return [[ask.since, ask.until]];
  for (let d = ask.since; d <= ask.until; ) {
    const end = ask.increment === 'monthly' ? nextMonthStart(d) - 1 : d + ask.increment - 1;
    out.push([d, Math.min(end, ask.until)]);
    d = Math.min(end, ask.until) + 1;
  }
  return out;
}
